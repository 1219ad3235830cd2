// nested-virtualization: a hypervisor inside a VM.
import { describeNode, ofKind } from '../../model/queries';
import type { Check } from '../types';

export const nestedVirtualization: Check = {
  meta: {
    name: 'nested-virtualization',
    category: 'overhead',
    defaultSeverity: 'info',
    summary: 'A hypervisor runs inside a VM (nested virtualization).',
    rationale:
      'Every layer of virtualization adds a kernel, memory overhead and slower I/O; nested guests pay twice. Nested virtualization must also be enabled on the outer hypervisor (Hyper-V isolated containers in a VM need it, with at least 4 GB and 2 vCPUs), and is often unsupported in production.',
    howToFix: 'Run the inner VMs on the outer hypervisor directly, or use containers inside the VM.',
    fix: 'none',
    sources: ['Microsoft — "Windows container requirements" (MicrosoftDocs/Virtualization-Documentation: system-requirements.md): a virtualised container host using Hyper-V isolation needs nested virtualization, ≥4 GB RAM and ≥2 vCPUs.'],
    examples: {
      valid: ['host h1 {\n  hypervisor esx1 { product: esxi; vm a { os: debian-12; app x; app y } }\n}'],
      invalid: ['host h1 {\n  hypervisor esx1 {\n    product: esxi\n    vm a {\n      os: debian-12\n      hypervisor inner { product: kvm }\n                 ^^^^^ nested\n    }\n  }\n}'],
    },
  },
  run(ctx) {
    for (const node of ofKind(ctx.model, 'hypervisor')) {
      if (node.parent?.kind !== 'vm') continue;
      ctx.report({
        node,
        span: node.decl.id ?? node.decl.kindSpan,
        message: `${describeNode(node)} runs inside ${describeNode(node.parent)}: nested virtualization adds a second layer of overhead to every inner VM and must be enabled on the outer hypervisor.`,
        related: [{ span: node.parent.decl.id ?? node.parent.decl.kindSpan, message: 'The VM it runs in.' }],
      });
    }
  },
};
