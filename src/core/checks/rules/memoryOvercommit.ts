// memory-overcommit: the memory given to a machine's VMs, containers and apps exceeds its own.
import { formatBytes } from '../../catalogue';
import { allocatedTotal, allocationChildren, describeNode, ofKind } from '../../model/queries';
import type { Check } from '../types';

export const memoryOvercommit: Check = {
  meta: {
    name: 'memory-overcommit',
    category: 'overhead',
    defaultSeverity: 'warning',
    summary: 'The memory of the VMs, containers or apps inside a node adds up to more than the node has.',
    rationale:
      'Memory cannot be shared out twice. When the parts add up to more than the whole, the parts cannot all use what they were promised at once: the hypervisor swaps or balloons VMs, and a kernel under pressure OOM-kills containers — usually at the busiest moment.',
    howToFix: 'Give the node more memory, lower the allocations, or move a workload to another machine.',
    fix: 'none',
    sources: ['Kubernetes — "Resource Management for Pods and Containers" and "Node-pressure Eviction": memory limits are enforced by OOM kills under pressure.'],
    examples: {
      valid: ['host h1 {\n  memory: 64GiB\n  hypervisor esx1 {\n    product: esxi\n    vm a { memory: 32GiB; os: debian-12; app x; app y }\n    vm b { memory: 16GiB; os: debian-12; app z; app w }\n  }\n}'],
      invalid: [
        'host h1 {\n  memory: 64GiB\n  ^^^^^^ 80 GiB\n  hypervisor esx1 {\n    product: esxi\n    vm a { memory: 48GiB; os: debian-12; app x; app y }\n    vm b { memory: 32GiB; os: debian-12; app z; app w }\n  }\n}',
      ],
    },
  },
  run(ctx) {
    for (const node of ofKind(ctx.model, 'host', 'vm', 'container')) {
      const capacity = node.props.memory;
      if (capacity === undefined) continue;
      const total = allocatedTotal(node, 'memory');
      if (total <= capacity) continue;
      const parts = allocationChildren(node).filter((c) => c.props.memory !== undefined);
      const prop = node.propDecls.get('memory')!;
      ctx.report({
        node,
        span: prop.key,
        message: `The ${parts.length} workloads in ${describeNode(node)} are given ${formatBytes(total)} of memory, but it has ${formatBytes(capacity)} (${((total / capacity) * 100).toFixed(0)}%). They cannot all use their share at once; add memory or move a workload.`,
        related: parts.map((c) => ({ span: c.propDecls.get('memory')!, message: `${describeNode(c)}: ${formatBytes(c.props.memory!)}.` })),
      });
    }
  },
};
