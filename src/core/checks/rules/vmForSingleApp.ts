// vm-for-single-app: a whole VM (a guest OS and kernel) for one small app or container.
import { findOs, formatBytes } from '../../catalogue';
import { allocationChildren, ofKind } from '../../model/queries';
import type { Check } from '../types';

export const vmForSingleApp: Check = {
  meta: {
    name: 'vm-for-single-app',
    category: 'overhead',
    defaultSeverity: 'info',
    summary: 'A VM whose whole workload is one small app or one container.',
    rationale:
      'Each VM runs a whole guest operating system, "which requires additional computing resources in addition to those consumed by the user application’s own process": its memory, its disk, its boot time, its patching. For one small app that overhead is most of the VM. A container on a shared kernel costs "virtually no overhead" (but shares the kernel: keep the VM if the app needs its own).',
    howToFix: 'Run the app as a container on a shared VM or host, unless it needs a kernel of its own (another tenant, another OS).',
    fix: 'none',
    sources: [
      'Seed "Comparing containers to virtual machines": each VM runs its own set of system processes; containers have virtually no overhead.',
      'Guest OS footprints: vendor minimums from the catalogue (e.g. osinfo-db for ubuntu-22.04: 2 GiB RAM, 10 GiB disk).',
    ],
    examples: {
      valid: ['host h1 {\n  hypervisor kvm1 {\n    product: kvm\n    vm big { os: ubuntu-22.04; app a1; app a2 }\n  }\n}'],
      invalid: ['host h1 {\n  hypervisor kvm1 {\n    product: kvm\n    vm small { os: ubuntu-22.04; app a1 { memory: 256MiB } }\n       ^^^^^ guest OS\n  }\n}'],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'vm')) {
      const work = allocationChildren(node);
      if (work.length !== 1 || work[0].kind === 'vm') continue;
      const only = work[0];
      if (only.props.memory !== undefined && only.props.memory > ctx.settings.smallAppMemory) continue;
      const os = node.props.os ? findOs(node.props.os) : undefined;
      const costs: string[] = [];
      if (os?.minMemory) costs.push(`${formatBytes(os.minMemory.value)} of memory`);
      if (os?.minDisk) costs.push(`${formatBytes(os.minDisk.value)} of disk`);
      const cost = os
        ? costs.length
          ? `Its guest OS ${os.id} needs at least ${costs.join(' and ')} (vendor minimum) and a boot of its own`
          : `Its guest OS ${os.id} adds a kernel, system processes and a boot of its own`
        : 'Its guest OS adds a kernel, system processes and a boot of its own';
      ctx.report({
        node,
        span: node.decl.id ?? node.decl.kindSpan,
        message: `VM '${node.id ?? '?'}' runs a single ${only.kind} ('${only.id ?? '?'}'). ${cost}, for one workload. A container on a shared kernel would avoid that, unless the ${only.kind} needs its own kernel.`,
        related: [{ span: only.decl.id ?? only.decl.kindSpan, message: `The only workload of VM '${node.id ?? '?'}'.` }],
      });
    }
  },
};
