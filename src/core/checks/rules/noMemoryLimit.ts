// no-memory-limit: a container without `memory`, which can starve its neighbours.
import { ofKind } from '../../model/queries';
import type { Check } from '../types';
import { insertProperty } from '../edits';

export const noMemoryLimit: Check = {
  meta: {
    name: 'no-memory-limit',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'A container has no memory limit.',
    rationale:
      'Cgroups "limit, account for, and isolate the resource usage" of a container, but only when a limit is set. A container without one can take all the memory of its kernel: a leak or a load spike starves every neighbour on the same host or VM, and the kernel’s OOM killer may end a different workload than the one at fault.',
    howToFix: 'Set `memory:` to what the container needs at peak. The quick fix inserts a 512MiB placeholder to adjust.',
    fix: 'unsafe',
    linters: [
      { tool: 'kube-linter', id: 'unset-memory-requirements' },
      { tool: 'Polaris', id: 'memoryLimitsMissing' },
      { tool: 'Checkov', id: 'CKV_K8S_13' },
      { tool: 'Trivy', id: 'KSV-0018', note: 'legacy KSV018' },
      { tool: 'CIS Docker Benchmark', id: '5.11', note: 'v1.6.0; 5.10 in v1.5.0' },
      { tool: 'kube-score', id: 'container-resources' },
    ],
    sources: ['Seed "Guide: Containers vs VMs": cgroups limit, account for and isolate resource usage.', 'Kubernetes — "Resource Management for Pods and Containers": memory limits are enforced by the kernel with OOM kills.'],
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  engine e1 { container web { memory: 512MiB; image: "nginx:1.27"; app nginx } }\n}'],
      invalid: [{ code: 'host h1 {\n  os: debian-12\n  engine e1 { container web { image: "nginx:1.27"; app nginx } }\n                        ^^^ no memory limit\n}', output: 'host h1 {\n  os: debian-12\n  engine e1 { container web { memory: 512MiB; image: "nginx:1.27"; app nginx } }\n}' }],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'container')) {
      if (node.propDecls.has('memory')) continue;
      const edit = insertProperty(ctx.sourceOf(node).text, node, 'memory', '512MiB');
      ctx.report({
        node,
        span: node.decl.id ?? node.decl.kindSpan,
        message: `Container '${node.id ?? '?'}' has no memory limit: it can use all the memory of its kernel and starve its neighbours. Set 'memory:' to its peak need.`,
        fixes: edit ? [{ title: 'Add a memory limit (512MiB placeholder)', safe: false, edits: [edit] }] : undefined,
      });
    }
  },
};
