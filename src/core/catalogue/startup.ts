// Start-up figures for the overhead analysis: container start per runtime, micro-VM boot, and the
// seed documents' qualitative claims. The figures come from different set-ups: a comparison uses
// figures of one measurement (see containerStartTime). No checkable boot time for a
// general-purpose VM was found: it is unsourced, not estimated (see VM_BOOT_UNSOURCED).
import type { OsFamily } from '../model/model';
import type { Source, Sourced } from './types';
import {
  CRUN_README,
  FIRECRACKER_SPECIFICATION,
  GVISOR_STARTUP_CSV,
  KATA_CHECKMETRICS_CLH,
  KATA_CHECKMETRICS_QEMU,
  SEED_COMPARING_CONTAINERS_TO_VMS,
  SEED_CONTAINERS_AND_VMS,
  SEED_GUIDE_CONTAINERS_VS_VMS,
  SEED_INTRODUCING_CONTAINERS,
} from './sources';

/** runc: ≈33 ms per container (100 sequential `/bin/true` containers in 3.34 s, no engine). */
export const RUNC_START: Sourced = {
  value: 33.4,
  source: CRUN_README,
  note: '100 sequential containers running /bin/true took 3.34 s with runc (≈33 ms each); no container engine involved; the author\'s machine is unspecified.',
};

/** crun: ≈17 ms per container (100 sequential `/bin/true` containers in 1.69 s, no engine). */
export const CRUN_START: Sourced = {
  value: 16.9,
  source: CRUN_README,
  note: '100 sequential containers running /bin/true took 1.69 s with crun (≈17 ms each); no container engine involved; the author\'s machine is unspecified.',
};

/** gVisor (runsc): 1,144 ms for `docker run` of alpine `true` (runc: 1,193 ms in the same set-up). */
export const GVISOR_START: Sourced = {
  value: 1144,
  source: GVISOR_STARTUP_CSV,
  note: 'Total `docker run` of alpine `true` with runsc on the ptrace platform (the default is systrap since mid-2023), GCE n1-standard-4, Debian 9, kernel 4.19, data of May 2020; runc took 1,193 ms in the same set-up. The benchmark notes "most of the time overhead above is associated Docker itself".',
};

/** runc started through Docker, in gVisor's benchmark (for comparison with GVISOR_START). */
export const RUNC_DOCKER_START: Sourced = {
  value: 1193,
  source: GVISOR_STARTUP_CSV,
  note: 'Total `docker run` of alpine `true` with runc, same set-up as the gVisor figure (GCE n1-standard-4, 2020); mostly Docker\'s own overhead.',
};

/** Kata Containers with Cloud Hypervisor: 0.39 s from launch to workload running (CI baseline). */
export const KATA_START: Sourced = {
  value: 390,
  source: KATA_CHECKMETRICS_CLH,
  note: 'Kata CI baseline mean, launch to workload running (`ctr run --rm` of an ubuntu image running `date`), Cloud Hypervisor, tolerance −40/+50 %; CI hardware unsourced. With QEMU: 0.71 s.',
};

/** Kata Containers with QEMU: 0.71 s from launch to workload running (CI baseline). */
export const KATA_QEMU_START: Sourced = {
  value: 710,
  source: KATA_CHECKMETRICS_QEMU,
  note: 'Kata CI baseline mean, launch to workload running (`ctr run --rm` of an ubuntu image running `date`), QEMU, tolerance −40/+30 %; CI hardware unsourced.',
};

/** Firecracker micro-VM: at most 125 ms from the InstanceStart API call to the guest's /sbin/init. */
export const MICRO_VM_BOOT: Sourced = {
  value: 125,
  source: FIRECRACKER_SPECIFICATION,
  note: 'Upper bound enforced by CI: InstanceStart API call to guest /sbin/init, 1 vCPU, 128 MiB, Firecracker-tuned minimal guest kernel and rootfs, serial console off (M5D.metal / M6G.metal). Excludes image pull and any container engine.',
};

/** Firecracker VMM process start to its API socket: typically ~12 ms wall clock (6–60 ms). */
export const FIRECRACKER_VMM_START: Sourced = {
  value: 12,
  source: FIRECRACKER_SPECIFICATION,
  note: 'Typical wall-clock time from VMM process start to the API socket (range 6–60 ms; at most 8 CPU ms). Does not include the guest boot (see MICRO_VM_BOOT).',
};

/** Which way a start-up figure bounds the real value: `min` a lower bound, `max` an upper bound. */
export type StartBound = 'min' | 'max';

/** A start-up figure for one situation, and whether it is a bound. */
export interface StartTime {
  readonly figure: Sourced;
  readonly bound?: StartBound;
}

/**
 * Why a VM has no boot figure: no checkable measurement of a general-purpose VM's boot was found
 * (Linux or Windows, on KVM, ESXi, Xen, Hyper-V or a type 2 hypervisor); the seed documents only
 * say "minutes". Reports say "unsourced" rather than invent a number; `startup:` sets one.
 */
export const VM_BOOT_UNSOURCED =
  'No checkable boot figure for a general-purpose VM (Linux or Windows guest, any hypervisor but Firecracker); the seed documents only say VMs take "minutes". Set `startup:` on the VM.';

/**
 * Boot of a VM by hypervisor product and guest OS family. Only Firecracker has a checkable figure:
 * at most 125 ms from InstanceStart to the guest's init (its SPECIFICATION.md; Linux guests only).
 * Every other hypervisor and OS: undefined (unsourced, see VM_BOOT_UNSOURCED).
 */
export function vmBootTime(product: string | undefined, family: OsFamily | undefined): StartTime | undefined {
  if (product === 'firecracker' && family !== 'windows') return { figure: MICRO_VM_BOOT, bound: 'max' };
  return undefined;
}

/**
 * Why a container has no start figure, or undefined when it has one: Windows containers (process
 * or Hyper-V isolation) and LXC system containers (an OS boot: init and its services) have no
 * checkable figure; neither has a runtime the catalogue has no measurement for.
 */
export function containerStartUnsourced(runtime: string, engine: string | undefined, family: OsFamily): string | undefined {
  if (family === 'windows') return 'No checkable start figure for Windows containers (process or Hyper-V isolation).';
  if (engine === 'lxc') return 'An LXC system container starts an init and its services: an OS boot in a container, with no checkable figure.';
  return containerStartTime(runtime, engine, family) ? undefined : `No measured start figure for runtime '${runtime}'.`;
}

/**
 * Start of one container, compared like with like. Through Docker, runc and gVisor come from the
 * same measurement (gVisor's startup benchmark: `docker run` 1,193 ms vs 1,144 ms). Without Docker
 * the only runc and crun figures are the runtime alone (crun's README, no engine): lower bounds.
 * gVisor's only figure is through Docker; Kata's is `ctr run` (containerd); Firecracker's is the
 * micro-VM boot bound. Windows and LXC containers: undefined (see containerStartUnsourced).
 */
export function containerStartTime(runtime: string, engine: string | undefined, family: OsFamily): StartTime | undefined {
  if (family === 'windows' || engine === 'lxc') return undefined;
  switch (runtime) {
    case 'runc':
      return engine === 'docker' ? { figure: RUNC_DOCKER_START } : { figure: RUNC_START, bound: 'min' };
    case 'crun':
      return { figure: CRUN_START, bound: 'min' };
    case 'gvisor':
      return { figure: GVISOR_START };
    case 'kata':
      return { figure: KATA_START };
    case 'firecracker':
      return { figure: MICRO_VM_BOOT, bound: 'max' };
    default:
      return undefined;
  }
}

/** The like-for-like pair for comparing gVisor with runc: one benchmark, both through `docker run`. */
export const GVISOR_VS_RUNC_START = { runc: RUNC_DOCKER_START, gvisor: GVISOR_START } as const;

/** A qualitative statement quoted from a seed document. */
export interface SeedClaim {
  /** The seed's words, verbatim. */
  readonly quote: string;
  readonly source: Source;
}

/** The seed documents' qualitative claims that the analysis and its messages rely on. */
export const SEED_CLAIMS = {
  /** VMs boot in minutes. */
  vmBootsInMinutes: {
    quote: 'Starting a virtual machine can take minutes, it has to boot the OS and start your applications',
    source: SEED_CONTAINERS_AND_VMS,
  },
  /** Containers start in milliseconds. */
  containerStartsInMilliseconds: {
    quote: 'Spinning up a container is as fast as starting an application and only takes milliseconds.',
    source: SEED_CONTAINERS_AND_VMS,
  },
  /** Why containers start faster: no system processes to start first. */
  containersStartFaster: {
    quote: 'containers also start the application faster, because only the application process itself needs to be started. No additional system processes need to be started first, as is the case when booting up a new virtual machine.',
    source: SEED_INTRODUCING_CONTAINERS,
  },
  /** Each VM runs its own OS and kernel. */
  eachVmRunsItsOwnOs: {
    quote: 'When you run applications in virtual machines, each VM runs its own operating system and kernel.',
    source: SEED_COMPARING_CONTAINERS_TO_VMS,
  },
  /** Containers share the host kernel and need no guest OS. */
  containersShareTheKernel: {
    quote: 'Containers are generally more lightweight than VMs because they share the host kernel and do not require a separate guest operating system to be installed.',
    source: SEED_GUIDE_CONTAINERS_VS_VMS,
  },
  /** Type 1 needs no host OS; type 2 does. */
  hypervisorTypes: {
    quote: "Two types of hypervisors exist. Type 1 hypervisors don't require running a host OS, while type 2 hypervisors do.",
    source: SEED_COMPARING_CONTAINERS_TO_VMS,
  },
  /** Containers without a memory limit can starve their neighbours. */
  unlimitedContainerMemory: {
    quote: "if you don't limit the amount of memory that a container can use, this could cause other containers to run out of memory or cause their data to be swapped out to disk.",
    source: SEED_COMPARING_CONTAINERS_TO_VMS,
  },
  /** A hypervisor or host failure takes down all its VMs. */
  hypervisorFailure: {
    quote: 'When the hypervisor or the underlying physical server crashes, all your virtual machines disappear.',
    source: SEED_CONTAINERS_AND_VMS,
  },
} as const satisfies Readonly<Record<string, SeedClaim>>;
