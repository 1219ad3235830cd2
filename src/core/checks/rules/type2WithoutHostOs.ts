// type2-without-host-os: a type 2 (hosted) hypervisor on a machine with no operating system.
import { describeNode, hypervisorType, ofKind } from '../../model/queries';
import type { Check } from '../types';

export const type2WithoutHostOs: Check = {
  meta: {
    name: 'type2-without-host-os',
    category: 'structure',
    defaultSeverity: 'error',
    summary: 'A type 2 hypervisor stands on a host (or VM) that has no operating system.',
    rationale:
      'A type 2 hypervisor (VirtualBox, VMware Workstation, Parallels) is an application: it runs on top of an operating system such as Windows, macOS or Linux. Only a type 1 hypervisor (ESXi, KVM, Hyper-V, Xen) runs directly on the hardware.',
    howToFix: 'Add the host operating system (`os: windows-11`), or use a type 1 hypervisor.',
    fix: 'none',
    sources: ['Seed document "Containers and Virtual Machine (VM)": type 1 runs directly on hardware; type 2 runs on top of an operating system.'],
    examples: {
      valid: ['host laptop {\n  os: windows-11\n  hypervisor vbox { product: virtualbox }\n}', 'host rack1 {\n  hypervisor esx1 { product: esxi }\n}'],
      invalid: ['host laptop {\n  hypervisor vbox { product: virtualbox }\n             ^^^^ type 2\n}'],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'hypervisor')) {
      if (hypervisorType(node) !== 2) continue;
      const machine = node.parent;
      if (!machine || (machine.kind !== 'host' && machine.kind !== 'vm') || machine.propDecls.has('os')) continue;
      const product = node.props.product ? `'${node.props.product}' ` : '';
      ctx.report({
        node,
        span: node.decl.id ?? node.decl.kindSpan,
        message: `${describeNode(node)} is a type 2 hypervisor ${product}and needs a host operating system, but ${describeNode(machine)} has no 'os'. Add the host's os, or use a type 1 hypervisor.`,
        related: [{ span: machine.decl.id ?? machine.decl.kindSpan, message: `${describeNode(machine)} has no 'os'.` }],
      });
    }
  },
};
