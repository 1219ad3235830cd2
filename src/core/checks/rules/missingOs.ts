// missing-os: an engine or app on a host or VM that has no `os`, so there is no kernel to run it.
import { describeNode, ofKind } from '../../model/queries';
import type { Check } from '../types';

export const missingOs: Check = {
  meta: {
    name: 'missing-os',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'An engine or app runs on a host or VM that has no `os`.',
    rationale:
      'Engines and apps are processes: they need an operating system kernel to run on. Without `os`, Strata cannot tell which kernel they share, whether a Windows container fits, or what the guest OS costs. (A host whose hypervisor runs on a general-purpose kernel, KVM, Proxmox VE, Firecracker, Xen or Hyper-V, has that kernel even without `os`.)',
    howToFix: "Add the machine's operating system, e.g. `os: ubuntu-24.04`.",
    fix: 'none',
    sources: ['Seed documents: containers run within the existing host operating system; each VM runs its own OS.'],
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  app web\n}', 'host pve1 {\n  hypervisor px { product: proxmox }\n  engine lxc1 { product: lxc; container ct1 { memory: 1GiB; app web } }\n}'],
      invalid: ['host h1 {\n  app web\n      ^^^ has no operating system\n}'],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'engine', 'app')) {
      const machine = node.parent;
      if (!machine || (machine.kind !== 'host' && machine.kind !== 'vm')) continue;
      // An invalid os is reported elsewhere; a KVM, Proxmox, Xen or Hyper-V host has its kernel.
      if (machine.propDecls.has('os') || machine.kernel) continue;
      ctx.report({
        node,
        span: node.decl.id ?? node.decl.kindSpan,
        message: `${describeNode(node)} runs on ${describeNode(machine)}, which has no operating system. Add 'os: ...' to the ${machine.kind} so Strata knows which kernel it runs on.`,
        related: [{ span: machine.decl.id ?? machine.decl.kindSpan, message: `${describeNode(machine)} has no 'os'.` }],
      });
    }
  },
};
