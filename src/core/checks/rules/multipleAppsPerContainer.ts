// multiple-apps-per-container: one container, several apps.
import { countChildren, describeNode, ofKind } from '../../model/queries';
import type { ModelNode } from '../../model/model';
import type { Check } from '../types';

/** An LXC container is a system container: an init and several services are its normal shape. */
function isSystemContainer(node: ModelNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p.kind === 'engine') return p.props.product === 'lxc';
  return false;
}

export const multipleAppsPerContainer: Check = {
  meta: {
    name: 'multiple-apps-per-container',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'An application container runs two or more apps (LXC system containers, which run an init and several services by design, are exempt).',
    rationale:
      '"You should never run multiple applications in the same container": it makes the processes inside much harder to manage, one app’s crash or leak takes the other down, and the tools around containers, Kubernetes included, assume one app per container. Containers cost almost nothing, so each app can have its own.',
    howToFix: 'Give each app its own container (in the same pod if they must share a network namespace).',
    fix: 'none',
    sources: [
      'Seed "Comparing containers to virtual machines": "you should never run multiple applications in the same container".',
      'LXC README (https://github.com/lxc/lxc): system containers, "as close as possible" to a VM "but without the overhead that comes with running a separate kernel".',
    ],
    examples: {
      valid: [
        'host pve1 {\n  hypervisor px { product: proxmox }\n  engine lxc1 {\n    product: lxc\n    container ct101 { memory: 2GiB; app systemd; app nginx; app postfix }\n  }\n}',
        'host h1 {\n  os: debian-12\n  engine e1 {\n    container web { memory: 256MiB; image: "web:1"; app nginx }\n    container cron { memory: 64MiB; image: "cron:1"; app cron }\n  }\n}',
      ],
      invalid: ['host h1 {\n  os: debian-12\n  engine e1 {\n    container web {\n              ^^^ 2 apps\n      memory: 256MiB; image: "web:1"\n      app nginx\n      app cron\n    }\n  }\n}'],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'container')) {
      if (countChildren(node, 'app') < 2 || isSystemContainer(node)) continue;
      const apps = node.children.filter((c) => c.kind === 'app');
      ctx.report({
        node,
        span: node.decl.id ?? node.decl.kindSpan,
        message: `Container '${node.id ?? '?'}' runs ${apps.length} apps (${apps.map((a) => a.id ?? '?').join(', ')}). Run one app per container so each can be limited, restarted and scaled on its own.`,
        related: apps.slice(1).map((a) => ({ span: a.decl.id ?? a.decl.kindSpan, message: `${describeNode(a)} shares the container.` })),
      });
    }
  },
};
