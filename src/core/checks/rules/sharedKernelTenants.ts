// shared-kernel-tenants: workloads of two or more tenants run on one kernel.
import { describeKernel, describeNode } from '../../model/queries';
import type { Kernel, ModelNode } from '../../model/model';
import type { Check } from '../types';

export const sharedKernelTenants: Check = {
  meta: {
    name: 'shared-kernel-tenants',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'Workloads of two or more different tenants run on one kernel (an error when a public and a restricted tenant share it).',
    rationale:
      'Containers on one kernel are isolated by namespaces and cgroups, "though not as well as when you run them in separate VMs". Every tenant shares the same kernel: one kernel bug or container escape in one tenant’s workload can read or disturb the other tenant’s memory, files and network. A VM, a gVisor sandbox or a kata micro-VM (on Windows, Hyper-V isolation) gives each tenant its own kernel. A `public` tenant (untrusted code or users) beside a `restricted` one (the most sensitive data) is the worst case, so that pair is an error.',
    howToFix: 'Give each tenant its own kernel: move one tenant’s workloads into a VM of its own, or run them under `runtime: gvisor` or `runtime: kata` (on Windows, `runtime: hyperv`). Two tenants in one pod share its sandbox: give each its own pod.',
    fix: 'none',
    sources: [
      'Seed "Comparing containers to virtual machines": containers are isolated, "though not as well as when you run them in separate VMs".',
      'Seed "Guide: Containers vs VMs": containers share the same kernel; namespaces and cgroups isolate them.',
      'Microsoft — "Isolation Modes" (MicrosoftDocs/Virtualization-Documentation@77e0742: hyperv-container.md): under Hyper-V isolation each container "effectively gets its own kernel".',
      'gVisor architecture guide (google/gvisor@3c5eee1: g3doc/README.md); Kata Containers architecture (kata-containers@7c6ba40: docs/design/architecture/README.md).',
    ],
    examples: {
      valid: [
        'host h1 {\n  os: ubuntu-24.04\n  engine e1 {\n    runtime: gvisor\n    container a { memory: 256MiB; image: "a:1"; tenant: shop; app a1 }\n    container b { memory: 256MiB; image: "b:1"; tenant: finance; app b1 }\n  }\n}',
        'host h1 {\n  os: ubuntu-24.04\n  engine e1 {\n    runtime: kata\n    pod p1 { tenant: shop; container a { memory: 256MiB; image: "a:1"; app a1 } }\n    pod p2 { tenant: finance; container b { memory: 256MiB; image: "b:1"; app b1 } }\n  }\n}',
      ],
      invalid: [
        'host h1 {\n     ^^ 2 tenants\n  os: ubuntu-24.04\n  engine e1 {\n    container a { memory: 256MiB; image: "a:1"; tenant: shop; app a1 }\n    container b { memory: 256MiB; image: "b:1"; tenant: finance; app b1 }\n  }\n}',
        'tenant web { trust: public }\ntenant ledger { trust: restricted }\nhost h1 {\n     ^^ error: public tenant\n  os: ubuntu-24.04\n  engine e1 {\n    container a { memory: 256MiB; image: "a:1"; tenant: web; app a1 }\n    container b { memory: 256MiB; image: "b:1"; tenant: ledger; app b1 }\n  }\n}',
        'host h1 {\n  os: ubuntu-24.04\n  engine e1 {\n    runtime: gvisor\n    pod p1 {\n        ^^ a pod of its own\n      container a { memory: 256MiB; image: "a:1"; tenant: shop; app a1 }\n      container b { memory: 256MiB; image: "b:1"; tenant: finance; app b1 }\n    }\n  }\n}',
      ],
    },
  },
  scope: 'subtree',
  run(ctx) {
    const trust = (tenant: string) => ctx.model.tenants.get(tenant)?.node.props.trust;
    for (const kernel of ctx.model.kernels) {
      // The one answer to "which tenants share this kernel" (model/kernels.ts), as stats gives it.
      if (kernel.tenants.length < 2) continue;
      const byTenant = new Map<string, ModelNode>();
      for (const w of kernel.workloads) {
        if ((w.kind === 'container' || w.kind === 'app') && w.tenant !== undefined && !byTenant.has(w.tenant)) byTenant.set(w.tenant, w);
      }
      const names = kernel.tenants;
      const pub = names.find((t) => trust(t) === 'public');
      const restricted = names.find((t) => trust(t) === 'restricted');
      const owner = kernel.owner;
      const mix = pub && restricted ? ` The public tenant '${pub}' and the restricted tenant '${restricted}' share it.` : '';
      ctx.report({
        node: owner,
        span: owner.decl.id ?? owner.decl.kindSpan,
        severity: pub && restricted ? 'error' : undefined,
        message: `Workloads of ${names.length} tenants (${names.join(', ')}) share ${describeKernel(kernel)}.${mix} ${risk(kernel)} ${advice(kernel)}`,
        related: [...byTenant.entries()].map(([t, w]) => ({
          span: w.decl.id ?? w.decl.kindSpan,
          message: `${describeNode(w)} belongs to tenant '${t}'${w.tenantFrom && w.tenantFrom !== w ? ` (inherited from ${describeNode(w.tenantFrom)})` : ''}${trust(t) ? ` (trust: ${trust(t)})` : ''}.`,
        })),
      });
    }
  },
};

/** What sharing this kind of kernel risks. */
function risk(k: Kernel): string {
  if (k.kind === 'sandbox' || k.kind === 'microvm') return 'Containers of one pod share its sandbox, its network namespace and its memory: a compromise of one tenant\'s container reaches the other\'s.';
  return "A kernel bug or container escape in one tenant's workload exposes the others.";
}

/** What to do, for the platform the kernel is on. */
function advice(k: Kernel): string {
  if (k.kind === 'sandbox' || k.kind === 'microvm') return 'Put each tenant in a pod of its own.';
  if (k.family === 'windows') return "Give each tenant its own VM, or run its containers under Hyper-V isolation ('runtime: hyperv'), which gives each container its own kernel.";
  return "Give each tenant its own VM, or sandbox its containers with 'runtime: gvisor' or 'runtime: kata'.";
}
