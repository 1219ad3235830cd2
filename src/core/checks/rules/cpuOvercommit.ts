// cpu-overcommit: more vCPUs (or CPU limits) than physical cores.
import { formatCpu, formatCpuUnits } from '../../catalogue';
import { allocatedTotal, allocationChildren, describeNode, ofKind } from '../../model/queries';
import type { Check } from '../types';

export const cpuOvercommit: Check = {
  meta: {
    name: 'cpu-overcommit',
    category: 'overhead',
    defaultSeverity: 'info',
    summary: 'The CPUs given to the VMs, containers or apps inside a node add up to more than it has (info above 1.0 per core, warning above the configured ratio, 4.0 by default; exactly full is not overcommitted).',
    rationale:
      'Some CPU overcommit is normal: idle VMs leave cores free. But every vCPU beyond the physical cores waits its turn when the load rises, so latency grows with the ratio; far above a few vCPUs per core, busy workloads slow each other down noticeably.',
    howToFix: 'Lower the vCPUs or CPU limits, add cores, or spread the workloads over more machines. The warning ratio is set by `cpuOvercommitRatio` in strata.config.json.',
    fix: 'none',
    examples: {
      valid: [
        'host h1 {\n  cpu: 2\n  os: debian-12\n  engine e1 {\n    container a { cpu: 500m; memory: 64MiB; image: "a:1"; app a }\n    container b { cpu: 500m; memory: 64MiB; image: "b:1"; app b }\n    container c { cpu: 1; memory: 64MiB; image: "c:1"; app c }\n  }\n}',
        'host h1 {\n  cpu: 16\n  hypervisor esx1 {\n    product: esxi\n    vm a { cpu: 8; os: debian-12; app x; app y }\n    vm b { cpu: 8; os: debian-12; app z; app w }\n  }\n}',
      ],
      invalid: [
        'host h1 {\n  cpu: 16\n  ^^^ 1.5 per core\n  hypervisor esx1 {\n    product: esxi\n    vm a { cpu: 16; os: debian-12; app x; app y }\n    vm b { cpu: 8; os: debian-12; app z; app w }\n  }\n}',
      ],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'host', 'vm', 'container')) {
      // Integer millicores on both sides: twenty 100m containers fill 2 cores exactly.
      const capacity = node.props.cpu;
      if (capacity === undefined) continue;
      const total = allocatedTotal(node, 'cpu');
      if (total <= capacity) continue;
      const ratio = total / capacity;
      const parts = allocationChildren(node).filter((c) => c.props.cpu !== undefined);
      const limit = ctx.settings.cpuOvercommitWarnRatio;
      const unit = node.kind === 'vm' ? 'vCPU' : 'core';
      const prop = node.propDecls.get('cpu')!;
      ctx.report({
        node,
        span: prop.key,
        severity: ratio > limit ? 'warning' : undefined,
        message: `The ${parts.length} workloads in ${describeNode(node)} are given ${formatCpu(total)} CPUs on ${formatCpuUnits(capacity, unit)}: ${formatRatio(ratio)} per ${unit}${ratio > limit ? `, above the limit of ${limit}` : ''}. Under load they wait for each other.`,
        related: parts.map((c) => ({ span: c.propDecls.get('cpu')!, message: `${describeNode(c)}: ${formatCpu(c.props.cpu!)} CPUs.` })),
      });
    }
  },
};

/** A ratio with at most two decimals: "1.05", "1.5", "4". */
function formatRatio(r: number): string {
  return String(Math.round(r * 100) / 100);
}
