// unisolated-apps: two or more apps directly on one operating system, with nothing between them.
import { countChildren, describeNode, ofKind } from '../../model/queries';
import type { Check } from '../types';

export const unisolatedApps: Check = {
  meta: {
    name: 'unisolated-apps',
    category: 'isolation',
    defaultSeverity: 'info',
    summary: 'Two or more apps run directly on one operating system, with no container or VM between them.',
    rationale:
      'Apps installed side by side on one OS share its files, libraries, users and network ports: they "may require different, potentially conflicting versions of dynamically linked libraries", and nothing limits one app’s CPU or memory against the other. Containers give each app its own environment at almost no cost.',
    howToFix: 'Run each app in its own container (or VM, if they need separate kernels).',
    fix: 'none',
    sources: ['Seed "Introducing containers": apps in one OS may need conflicting library versions; containers isolate each app\'s environment.'],
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  app web\n}'],
      invalid: ['host h1 {\n     ^^ 2 apps\n  os: debian-12\n  app web\n  app db\n}'],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'host', 'vm')) {
      if (!node.kernel) continue;
      if (countChildren(node, 'app') < 2) continue;
      const apps = node.children.filter((c) => c.kind === 'app');
      ctx.report({
        node,
        span: node.decl.id ?? node.decl.kindSpan,
        message: `${apps.length} apps (${apps.map((a) => a.id ?? '?').join(', ')}) run directly on the OS of ${describeNode(node)}, sharing its files, libraries and ports with no limits between them. Consider a container per app.`,
        related: apps.map((a) => ({ span: a.decl.id ?? a.decl.kindSpan, message: `${describeNode(a)} runs directly on the OS.` })),
      });
    }
  },
};
