// The container-engine catalogue: each engine and the runtime its containers use when the
// Strata file sets none, with the source (or the note that the default is assumed).
import type { EngineEntry } from './types';
import { CRIO_README, DEBIAN_CONTAINERD_PACKAGE, LXC_README, MOBY_ENGINE_API_SWAGGER, PODMAN_README } from './sources';

/** Every container engine Strata knows, by catalogue id. */
export const ENGINE_CATALOGUE: readonly EngineEntry[] = [
  {
    id: 'docker',
    name: 'Docker Engine',
    defaultRuntime: 'runc',
    defaultRuntimeNote: 'Docker Engine API (SystemInfo.Runtimes): "The default runtime is `runc`".',
    source: MOBY_ENGINE_API_SWAGGER,
    summary: 'Docker Engine (moby), daemon and CLI; it delegates to containerd and an OCI runtime. It has no CRI: Kubernetes needs cri-dockerd to use it.',
  },
  {
    id: 'containerd',
    name: 'containerd',
    defaultRuntime: 'runc',
    defaultRuntimeNote: 'Uses runc by default (the Debian package depends on runc).',
    source: DEBIAN_CONTAINERD_PACKAGE,
    summary: 'containerd, an "industry-standard container runtime" daemon that manages "the complete container life cycle"; designed to be embedded (Docker, Kubernetes).',
  },
  {
    id: 'cri-o',
    name: 'CRI-O',
    defaultRuntime: 'runc',
    defaultRuntimeNote: 'Not sourced: CRI-O works with any OCI runtime (runc, crun, Kata, gVisor); runc is assumed. runc and crun give the same (shared-kernel) isolation.',
    source: CRIO_README,
    summary: 'CRI-O, an "OCI-based implementation of Kubernetes Container Runtime Interface".',
  },
  {
    id: 'podman',
    name: 'Podman',
    defaultRuntime: 'runc',
    defaultRuntimeNote: 'Not sourced: runc is assumed. runc and crun give the same (shared-kernel) isolation.',
    source: PODMAN_README,
    summary: 'Podman, a "daemonless container engine", rootful or rootless (user namespaces); its pods share namespaces.',
  },
  {
    id: 'lxc',
    name: 'LXC',
    defaultRuntime: 'runc',
    defaultRuntimeNote: 'LXC does not use runc: it is its own low-level runtime. runc stands in for it here because both run containers on the shared kernel.',
    source: LXC_README,
    summary: 'LXC, its own low-level runtime for system containers, "as close as possible" to a VM "but without the overhead that comes with running a separate kernel" (namespaces, MAC and cgroups; unprivileged containers supported).',
  },
];
