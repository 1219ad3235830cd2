// nested-virtualization: a hypervisor inside a VM, or a VM-based sandbox runtime inside a VM.
import { describeNode, effectiveRuntime, isVmKernel, machineOf, ofKind } from '../../model/queries';
import type { ModelNode } from '../../model/model';
import type { Check } from '../types';

export const nestedVirtualization: Check = {
  meta: {
    name: 'nested-virtualization',
    category: 'overhead',
    defaultSeverity: 'info',
    summary: 'A hypervisor runs inside a VM (info), or a VM-based sandbox runtime (kata, firecracker, Hyper-V isolation) runs inside a VM (warning): nested virtualization.',
    rationale:
      'Every layer of virtualization adds a kernel, memory overhead and slower I/O; nested guests pay twice. Kata and Firecracker start a micro-VM per pod and Hyper-V isolation a utility VM per container, so inside a VM they need hardware virtualization passed through to it: nested virtualization must be enabled on the outer hypervisor (Microsoft: a virtualised container host using Hyper-V isolation needs it, with at least 4 GB and 2 vCPUs), and many clouds and platforms do not offer it, so the sandboxes fail to start.',
    howToFix: 'Enable nested virtualization on the outer hypervisor (and check that the platform supports it), run the sandboxed engine on a physical host, or use gVisor, which needs no hardware virtualization.',
    fix: 'none',
    sources: [
      'Microsoft — "Windows container requirements" (MicrosoftDocs/Virtualization-Documentation: system-requirements.md): a virtualised container host using Hyper-V isolation needs nested virtualization, ≥4 GB RAM and ≥2 vCPUs.',
      'Kata Containers — architecture (kata-containers@7c6ba40: docs/design/architecture/README.md): each pod runs in a lightweight VM on a hypervisor.',
    ],
    examples: {
      valid: [
        'host h1 {\n  hypervisor esx1 { product: esxi; vm a { os: debian-12; app x; app y } }\n}',
        'host h1 {\n  os: ubuntu-24.04\n  engine e1 { runtime: kata; container c { memory: 1GiB; image: "c:1"; app x } }\n}',
      ],
      invalid: [
        'host h1 {\n  hypervisor esx1 {\n    product: esxi\n    vm a {\n      os: debian-12\n      hypervisor inner { product: kvm }\n                 ^^^^^ nested\n    }\n  }\n}',
        'host h1 {\n  hypervisor esx1 {\n    product: esxi\n    vm node1 {\n      os: ubuntu-24.04\n      engine e1 { runtime: kata; container c { memory: 1GiB; image: "c:1"; app x } }\n                           ^^^^ warning: needs nested virtualization\n    }\n  }\n}',
      ],
    },
  },
  scope: 'subtree',
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
    // VM-based sandboxes: one finding per engine, on its runtime (every pod of it needs the same).
    for (const engine of ofKind(ctx.model, 'engine')) {
      const vm = machineOf(engine);
      if (vm?.kind !== 'vm') continue;
      const sandboxes = ctx.model.kernels.length ? engineVmKernels(engine) : 0;
      if (sandboxes === 0) continue;
      const runtime = effectiveRuntime(engine);
      const what = runtime === 'hyperv' ? 'Hyper-V utility VM' : `${runtime === 'firecracker' ? 'Firecracker' : 'Kata'} micro-VM`;
      const prop = engine.propDecls.get('runtime');
      ctx.report({
        node: engine,
        severity: 'warning',
        span: prop?.value ?? engine.decl.id ?? engine.decl.kindSpan,
        message: `${describeNode(engine)} runs ${sandboxes} ${what}${sandboxes === 1 ? '' : 's'} inside ${describeNode(vm)}: a VM-based sandbox in a VM needs nested virtualization enabled on the outer hypervisor (many platforms do not offer it), and every sandbox pays two layers of virtualization. Enable it, run the engine on a physical host, or use gVisor.`,
        related: [{ span: vm.decl.id ?? vm.decl.kindSpan, message: 'The VM the sandboxes would run in.' }],
      });
    }
  },
};

/** How many micro-VM or utility-VM kernels the engine's pods and containers get. */
function engineVmKernels(engine: ModelNode): number {
  let n = 0;
  const stack = [...engine.children];
  while (stack.length) {
    const c = stack.pop()!;
    if (c.kernel && c.kernel.owner === c && isVmKernel(c.kernel)) n++;
    if (c.kind === 'pod') stack.push(...c.children);
  }
  return n;
}
