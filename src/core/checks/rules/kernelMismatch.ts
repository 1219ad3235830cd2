// kernel-mismatch: a container whose OS family differs from its kernel's (a Windows container on Linux).
import { containerFamily, describeKernel, ofKind } from '../../model/queries';
import type { Check } from '../types';

export const kernelMismatch: Check = {
  meta: {
    name: 'kernel-mismatch',
    category: 'isolation',
    defaultSeverity: 'error',
    summary: 'A container needs a different kernel than the one it runs on, e.g. a Windows container on a Linux kernel.',
    rationale:
      'A container has no kernel of its own: its processes make system calls to the kernel underneath. A Windows container cannot run on a Linux kernel, nor a Linux container on a Windows kernel; "because Windows Server containers and the underlying host share a single kernel, the container\'s base image OS version must match that of the host".',
    howToFix: 'Run the container on a machine (or in a VM) with a kernel of its family.',
    fix: 'none',
    sources: [
      'Microsoft — "Windows container version compatibility" (MicrosoftDocs/Virtualization-Documentation@77e0742: virtualization/windowscontainers/deploy-containers/version-compatibility.md).',
      'Seed "Guide: Containers vs VMs": containers share the host kernel.',
    ],
    examples: {
      valid: ['host win1 {\n  os: windows-server-2022\n  engine d1 { container iis { memory: 2GiB; image: "mcr.microsoft.com/windows/servercore:ltsc2022"; app iis } }\n}'],
      invalid: [
        'host lin1 {\n  os: ubuntu-22.04\n  engine d1 { container iis { memory: 2GiB; image: "mcr.microsoft.com/windows/servercore:ltsc2022"; app iis } }\n                        ^^^ windows container\n}',
      ],
    },
  },
  run(ctx) {
    for (const node of ofKind(ctx.model, 'container')) {
      if (!node.kernel?.family) continue;
      const need = containerFamily(node);
      const have = node.kernel.family;
      if (need === have) continue;
      const why = node.props.os ? `its os '${node.props.os}'` : node.props.image ? `its image '${node.props.image}'` : 'it';
      ctx.report({
        node,
        span: node.decl.id ?? node.decl.kindSpan,
        message: `Container '${node.id ?? '?'}' is a ${need} container (from ${why}) but runs on ${describeKernel(node.kernel)}, a ${have} kernel. A container uses its host's kernel, so it cannot run there; place it on a ${need} host or VM.`,
        related: [{ span: node.kernel.owner.decl.id ?? node.kernel.owner.decl.kindSpan, message: `The ${have} kernel it would run on.` }],
      });
    }
  },
};
