// kernel-mismatch: a container whose kernel cannot run it: another OS family (a Windows container
// on Linux), another Windows build in process isolation, or Hyper-V isolation on a non-Windows host.
import { WINDOWS_RELEASE_BUILDS, type WindowsRelease, findOs, windowsRelease, windowsReleaseName } from '../../catalogue';
import { containerFamily, describeKernel, ofKind } from '../../model/queries';
import type { ModelNode } from '../../model/model';
import type { Check } from '../types';

export const kernelMismatch: Check = {
  meta: {
    name: 'kernel-mismatch',
    category: 'isolation',
    defaultSeverity: 'error',
    summary: 'A container needs a different kernel than the one it runs on: a Windows container on a Linux kernel, or a Windows image whose build does not match its host in process isolation (an ltsc2022 image on Windows Server 2019).',
    rationale:
      'A container has no kernel of its own: its processes make system calls to the kernel underneath. A Windows container cannot run on a Linux kernel, nor a Linux container on a Windows kernel; "because Windows Server containers and the underlying host share a single kernel, the container\'s base image OS version must match that of the host".',
    howToFix: 'Run the container on a machine (or in a VM) with a kernel of its family. For a Windows image of an older release than its host, use Hyper-V isolation (`runtime: hyperv`); an image newer than its host needs a newer host.',
    fix: 'none',
    sources: [
      'Microsoft — "Windows container version compatibility" (MicrosoftDocs/Virtualization-Documentation@77e0742: virtualization/windowscontainers/deploy-containers/version-compatibility.md).',
      'Seed "Guide: Containers vs VMs": containers share the host kernel.',
    ],
    examples: {
      valid: [
        'host win1 {\n  os: windows-server-2022\n  engine d1 { container iis { memory: 2GiB; image: "mcr.microsoft.com/windows/servercore:ltsc2022"; app iis } }\n}',
        'host win1 {\n  os: windows-server-2022\n  engine d1 { runtime: hyperv; container old { memory: 2GiB; image: "mcr.microsoft.com/windows/servercore:ltsc2019"; app legacy } }\n}',
      ],
      invalid: [
        'host win1 {\n  os: windows-server-2019\n  engine d1 { container iis { memory: 2GiB; image: "mcr.microsoft.com/windows/servercore:ltsc2022"; app iis } }\n                        ^^^ build must match\n}',
        'host lin1 {\n  os: ubuntu-22.04\n  engine d1 { container iis { memory: 2GiB; image: "mcr.microsoft.com/windows/servercore:ltsc2022"; app iis } }\n                        ^^^ windows container\n}',
      ],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'container')) {
      const kernel = node.kernel;
      if (!kernel) continue;
      const need = containerFamily(node);
      const id = node.id ?? '?';
      if (kernel.kind === 'utility-vm') {
        // Hyper-V isolation: the utility VM has the kernel the image needs, but it runs on a
        // Windows host with Hyper-V, which must be at least as new as the image.
        const host = kernel.base;
        if (host?.family && host.family !== 'windows') {
          ctx.report({
            node,
            span: node.decl.id ?? node.decl.kindSpan,
            message: `Container '${id}' runs under Hyper-V isolation ('runtime: hyperv'), which needs a Windows host with the Hyper-V role, but it runs on ${describeKernel(host)}, a ${host.family} kernel. Place it on a Windows host or VM.`,
            related: [{ span: host.owner.decl.id ?? host.owner.decl.kindSpan, message: `The ${host.family} kernel it would run on.` }],
          });
          continue;
        }
        const table = host?.os ? findOs(host.os)?.windowsContainers : undefined;
        const release = windowsReleaseOf(node);
        if (host && table && release && WINDOWS_RELEASE_BUILDS[release] > (table.maxBuild ?? table.build)) {
          ctx.report({
            node,
            span: node.decl.id ?? node.decl.kindSpan,
            message: `Container '${id}' is built on ${windowsReleaseName(release)} (from ${whyOf(node)}), newer than its host ${host.os}: a newer image cannot run on an older host, even under Hyper-V isolation. Use an image of the host's release or an older one, or a newer host.`,
            related: [{ span: host.owner.decl.id ?? host.owner.decl.kindSpan, message: `The ${host.os} host.` }],
          });
        }
        continue;
      }
      const have = kernel.family;
      if (!have) continue;
      if (need !== have) {
        ctx.report({
          node,
          span: node.decl.id ?? node.decl.kindSpan,
          message: `Container '${id}' is a ${need} container (from ${whyOf(node)}) but runs on ${describeKernel(kernel)}, a ${have} kernel. A container uses its host's kernel, so it cannot run there; place it on a ${need} host or VM.`,
          related: [{ span: kernel.owner.decl.id ?? kernel.owner.decl.kindSpan, message: `The ${have} kernel it would run on.` }],
        });
        continue;
      }
      // Process isolation on Windows: the image's build must match the host's.
      if (need !== 'windows' || (kernel.kind !== 'host' && kernel.kind !== 'guest') || !kernel.os) continue;
      const table = findOs(kernel.os)?.windowsContainers;
      const release = windowsReleaseOf(node);
      if (!table || !release || table.process.includes(release) || table.processOnSomeUpdates?.includes(release)) continue;
      const newer = WINDOWS_RELEASE_BUILDS[release] > (table.maxBuild ?? table.build);
      const fix = newer
        ? `A newer image cannot run on an older host, even under Hyper-V isolation: use an image the host runs${table.process.length ? ` (${table.process.map(tagOf).join(', ')})` : ''}, or a newer host.`
        : table.process.length
          ? `Run it under Hyper-V isolation ('runtime: hyperv' on its engine), which gives it a kernel of its own release, or use the ${tagOf(table.process[0])} image.`
          : `${kernel.os} has no process isolation: run it under Hyper-V isolation ('runtime: hyperv' on its engine).`;
      ctx.report({
        node,
        span: node.decl.id ?? node.decl.kindSpan,
        message: `Container '${id}' is built on ${windowsReleaseName(release)} (from ${whyOf(node)}) but shares ${describeKernel(kernel)}: in process isolation a Windows container's build must match its host's. ${fix}`,
        related: [{ span: kernel.owner.decl.id ?? kernel.owner.decl.kindSpan, message: `The ${kernel.os} kernel it shares.` }],
      });
    }
  },
};

/** Where a container's kernel family comes from, for the message: its `os`, else its image. */
function whyOf(node: ModelNode): string {
  return node.props.os ? `its os '${node.props.os}'` : node.props.image ? `its image '${node.props.image}'` : 'it';
}

/** The Windows Server release a container is built on: from its `os`, else its image tag. */
function windowsReleaseOf(node: ModelNode): WindowsRelease | undefined {
  return (node.props.os ? windowsRelease(node.props.os) : undefined) ?? (node.props.image ? windowsRelease(node.props.image) : undefined);
}

const tagOf = (r: WindowsRelease) => `ltsc${r.slice(2)}`;
