// Start-up figures for the overhead analysis: container start per runtime, micro-VM boot, and the
// seed documents' qualitative claims. The figures come from different set-ups and are not strictly
// comparable (see each note). No measured boot time for a general-purpose VM was found, so that
// one is an order-of-magnitude ESTIMATE, labelled as such.
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

/**
 * ESTIMATE, not a measurement: boot time of a general-purpose VM (guest OS plus applications).
 * The seed documents say VMs take "a few minutes"; one minute is the order of magnitude used.
 */
export const GENERAL_VM_BOOT_ESTIMATE: Sourced = {
  value: 60_000,
  source: SEED_CONTAINERS_AND_VMS,
  estimate: true,
  note: 'Order of magnitude from the seed documents; no measured figure was found. The seed says: "Starting a virtual machine can take minutes, it has to boot the OS and start your applications" and "takes a few minutes to start the OS and the application." Override per VM with `startup:`.',
};

/** Container start-up figures by runtime id (as measured; see each note for the conditions). */
export const CONTAINER_START_TIMES: Readonly<Record<string, Sourced>> = {
  runc: RUNC_START,
  crun: CRUN_START,
  gvisor: GVISOR_START,
  kata: KATA_START,
  firecracker: MICRO_VM_BOOT,
};

/** The start-up figure for one container under a runtime, or undefined when none was sourced. */
export function containerStartTime(runtimeId: string): Sourced | undefined {
  return Object.prototype.hasOwnProperty.call(CONTAINER_START_TIMES, runtimeId) ? CONTAINER_START_TIMES[runtimeId] : undefined;
}

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
