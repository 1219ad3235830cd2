// The container-runtime catalogue: each runtime's isolation model (which kernel its containers
// run on) and, where measured, its per-container start time and memory overhead, with sources.
import type { RuntimeEntry } from './types';
import {
  FIRECRACKER_CONTAINERD_README,
  FIRECRACKER_SPECIFICATION,
  GVISOR_DENSITY_CSV,
  GVISOR_README,
  KATA_ARCHITECTURE,
  KATA_CHECKMETRICS_CLH,
  CRUN_README,
  MICROSOFT_ISOLATION_MODES,
  MICROSOFT_WINDOWS_CONTAINER_REQUIREMENTS,
  RUNC_PACKAGE_DESCRIPTION,
} from './sources';
import { CRUN_START, GVISOR_START, KATA_START, MICRO_VM_BOOT, RUNC_START } from './startup';

const KB = 1000;
const MB = 1000 ** 2;
const MiB = 1024 ** 2;

/** Every container runtime Strata knows, by catalogue id. */
export const RUNTIME_CATALOGUE: readonly RuntimeEntry[] = [
  {
    id: 'runc',
    name: 'runc',
    isolation: 'shared-kernel',
    isolationSource: RUNC_PACKAGE_DESCRIPTION,
    startTime: RUNC_START,
    memoryOverhead: {
      value: 4.1 * MB,
      source: GVISOR_DENSITY_CSV,
      note: 'Host free-memory drop per container for an empty (`sleep`) container, 50 instances, GCE n1-standard-4 (gVisor\'s density benchmark).',
    },
    summary: 'runc, the reference OCI runtime: "CLI tool for spawning and running containers according to the OCI specification". Containers are namespaces and cgroups on the shared host kernel.',
  },
  {
    id: 'crun',
    name: 'crun',
    isolation: 'shared-kernel',
    isolationSource: CRUN_README,
    startTime: CRUN_START,
    summary: 'crun, an OCI runtime written in C: the same kernel-sharing model as runc, faster to start and with a lower memory footprint (its README runs a container with --memory 512k, where runc fails at 4M).',
  },
  {
    id: 'gvisor',
    name: 'gVisor (runsc)',
    isolation: 'user-space-kernel',
    isolationSource: GVISOR_README,
    startTime: GVISOR_START,
    memoryOverhead: {
      value: 23.7 * MB,
      source: GVISOR_DENSITY_CSV,
      note: 'Host free-memory drop per container for an empty (`sleep`) container, 50 instances, GCE n1-standard-4; runc: ≈4.1 MB in the same set-up. Node app: 124.1 vs 76.7 MB; Ruby app: 106.1 vs 45.7 MB.',
    },
    summary: 'gVisor (runsc): each sandbox gets its own application kernel in user space (the Sentry), which "does not pass system calls through to the host kernel"; the Gofer mediates file access.',
  },
  {
    id: 'kata',
    name: 'Kata Containers',
    isolation: 'micro-vm',
    isolationSource: KATA_ARCHITECTURE,
    startTime: KATA_START,
    memoryOverhead: {
      value: 127_220 * KB,
      source: KATA_CHECKMETRICS_CLH,
      note: '≈127,220 KB (as printed) PSS of the runtime components per container, Cloud Hypervisor, many busybox containers, KSM may be on; QEMU: ≈122,832 KB. Kata\'s shipped RuntimeClass reserves 130Mi per pod (clh) or 320Mi (qemu).',
    },
    summary: 'Kata Containers: each pod (or lone container) runs in a lightweight VM with its own guest kernel, "hardware virtualization technology as a second layer of defence" (hypervisors: QEMU, Cloud Hypervisor, Firecracker, Dragonball, StratoVirt).',
  },
  {
    id: 'firecracker',
    name: 'Firecracker (firecracker-containerd)',
    isolation: 'micro-vm',
    isolationSource: FIRECRACKER_CONTAINERD_README,
    startTime: MICRO_VM_BOOT,
    memoryOverhead: {
      value: 5 * MiB,
      source: FIRECRACKER_SPECIFICATION,
      note: 'Upper bound on the Firecracker VMM process per microVM (excludes the MMDS data store; can be exceeded, e.g. with many vsock connections). Excludes the guest\'s own memory: Kata\'s fc RuntimeClass reserves 130Mi per pod for VM and guest.',
    },
    summary: 'Firecracker via firecracker-containerd: a microVM per workload, with an agent inside that runs runc containers; a few containers can be colocated in one microVM.',
  },
  {
    id: 'hyperv',
    name: 'Hyper-V isolation (Windows)',
    isolation: 'utility-vm',
    isolationSource: MICROSOFT_ISOLATION_MODES,
    hostFamily: 'windows',
    memoryOverhead: {
      value: 130 * MB,
      source: MICROSOFT_WINDOWS_CONTAINER_REQUIREMENTS,
      note: 'Minimum memory to start a Nano Server container under Hyper-V isolation on Windows Server 2016, plus a 1 GB page file (Server Core: 325 MB); process isolation: 40 MB (Server Core 50 MB). The table was removed from later revisions of the page.',
    },
    summary: 'Windows Hyper-V isolation (`--isolation=hyperv`): "each container runs inside of a highly optimized virtual machine and effectively gets its own kernel"; it lets the image\'s Windows version differ from the host\'s. Needs the Hyper-V role on a Windows host.',
  },
];
