// multiple-apps-per-container: one container, several apps.
import { countChildren, describeNode, ofKind } from '../../model/queries';
import type { Check } from '../types';

export const multipleAppsPerContainer: Check = {
  meta: {
    name: 'multiple-apps-per-container',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'A container runs two or more apps.',
    rationale:
      '"You should never run multiple applications in the same container": it makes the processes inside much harder to manage, one app’s crash or leak takes the other down, and the tools around containers, Kubernetes included, assume one app per container. Containers cost almost nothing, so each app can have its own.',
    howToFix: 'Give each app its own container (in the same pod if they must share a network namespace).',
    fix: 'none',
    sources: ['Seed "Comparing containers to virtual machines": "you should never run multiple applications in the same container".'],
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  engine e1 {\n    container web { memory: 256MiB; image: "web:1"; app nginx }\n    container cron { memory: 64MiB; image: "cron:1"; app cron }\n  }\n}'],
      invalid: ['host h1 {\n  os: debian-12\n  engine e1 {\n    container web {\n              ^^^ 2 apps\n      memory: 256MiB; image: "web:1"\n      app nginx\n      app cron\n    }\n  }\n}'],
    },
  },
  run(ctx) {
    for (const node of ofKind(ctx.model, 'container')) {
      if (countChildren(node, 'app') < 2) continue;
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
