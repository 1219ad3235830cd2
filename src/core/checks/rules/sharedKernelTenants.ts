// shared-kernel-tenants: workloads of two or more tenants run on one kernel.
import { describeKernel, describeNode } from '../../model/queries';
import type { ModelNode } from '../../model/model';
import type { Check } from '../types';

export const sharedKernelTenants: Check = {
  meta: {
    name: 'shared-kernel-tenants',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'Workloads of two or more different tenants run on one kernel.',
    rationale:
      'Containers on one kernel are isolated by namespaces and cgroups, "though not as well as when you run them in separate VMs". Every tenant shares the same kernel: one kernel bug or container escape in one tenant’s workload can read or disturb the other tenant’s memory, files and network. A VM, a gVisor sandbox or a kata micro-VM gives each tenant its own kernel.',
    howToFix: 'Give each tenant its own kernel: move one tenant’s workloads into a VM of its own, or run them under `runtime: gvisor` or `runtime: kata`.',
    fix: 'none',
    sources: [
      'Seed "Comparing containers to virtual machines": containers are isolated, "though not as well as when you run them in separate VMs".',
      'Seed "Guide: Containers vs VMs": containers share the same kernel; namespaces and cgroups isolate them.',
      'gVisor architecture guide (google/gvisor@3c5eee1: g3doc/README.md); Kata Containers architecture (kata-containers@7c6ba40: docs/design/architecture/README.md).',
    ],
    examples: {
      valid: [
        'host h1 {\n  os: ubuntu-24.04\n  engine e1 {\n    runtime: gvisor\n    container a { memory: 256MiB; image: "a:1"; tenant: shop; app a1 }\n    container b { memory: 256MiB; image: "b:1"; tenant: finance; app b1 }\n  }\n}',
      ],
      invalid: [
        'host h1 {\n     ^^ 2 tenants\n  os: ubuntu-24.04\n  engine e1 {\n    container a { memory: 256MiB; image: "a:1"; tenant: shop; app a1 }\n    container b { memory: 256MiB; image: "b:1"; tenant: finance; app b1 }\n  }\n}',
      ],
    },
  },
  run(ctx) {
    for (const kernel of ctx.model.kernels) {
      const byTenant = new Map<string, ModelNode>();
      for (const w of kernel.workloads) {
        if (w.tenant === undefined || w.kind === 'engine') continue;
        if (!byTenant.has(w.tenant)) byTenant.set(w.tenant, w);
      }
      if (byTenant.size < 2) continue;
      const owner = kernel.owner;
      const names = [...byTenant.keys()];
      ctx.report({
        node: owner,
        span: owner.decl.id ?? owner.decl.kindSpan,
        message: `Workloads of ${names.length} tenants (${names.join(', ')}) share ${describeKernel(kernel)}. A kernel bug or container escape in one tenant's workload exposes the others. Give each tenant its own VM, or sandbox them with gvisor or kata.`,
        related: [...byTenant.entries()].map(([t, w]) => ({
          span: w.decl.id ?? w.decl.kindSpan,
          message: `${describeNode(w)} belongs to tenant '${t}'${w.tenantFrom && w.tenantFrom !== w ? ` (inherited from ${describeNode(w.tenantFrom)})` : ''}.`,
        })),
      });
    }
  },
};
