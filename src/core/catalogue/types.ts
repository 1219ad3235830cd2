// Types of the catalogue: operating systems, hypervisor products, container engines and
// runtimes. Every number carries the source it came from; a value no source gave is absent,
// never invented.
import type { OsFamily } from '../model/model';

/** A citation: "Publisher — Title — URL" and, where read from a repository snapshot, owner/repo@commit:path. */
export interface Source {
  readonly publisher: string;
  readonly title: string;
  readonly url?: string;
  /** owner/repo@commit:path where the text was read from a git snapshot. */
  readonly ref?: string;
  /** True when the source is not the vendor or project and not peer-reviewed. */
  readonly thirdParty?: boolean;
}

/** A sourced figure. `note` says what exactly was measured or stated (conditions, proxy used). */
export interface Sourced<T = number> {
  readonly value: T;
  readonly source: Source;
  readonly note?: string;
  /**
   * True when the value is an order-of-magnitude estimate derived from a qualitative statement
   * (e.g. "minutes"), not a measured or documented figure. The note says how it was derived.
   */
  readonly estimate?: boolean;
}

/** A Windows Server release as container base images name it (`ltsc2022`), by its build. */
export type WindowsRelease = 'ws2016' | 'ws2019' | 'ws2022' | 'ws2025';

/** What a Windows host runs: its build and the image releases it runs in process isolation. */
export interface WindowsContainerHost {
  /** The host's Windows build number (the lowest of its feature updates for client Windows). */
  readonly build: number;
  /** The highest build of its feature updates (client Windows), when it varies. */
  readonly maxBuild?: number;
  /** Image releases that run in process isolation (shared kernel). */
  readonly process: readonly WindowsRelease[];
  /** Image releases that run in process isolation on some feature updates only (not reported). */
  readonly processOnSomeUpdates?: readonly WindowsRelease[];
  readonly source: Source;
  readonly note?: string;
}

export interface OsEntry {
  readonly id: string;
  /** Display name, e.g. "Ubuntu 22.04 LTS". */
  readonly name: string;
  readonly family: OsFamily;
  /** Vendor (or osinfo-db) minimum RAM, bytes. Used as the estimate of a guest OS's memory footprint. */
  readonly minMemory?: Sourced;
  /** Vendor (or osinfo-db) minimum disk, bytes. Used as the estimate of a guest OS's disk footprint. */
  readonly minDisk?: Sourced;
  /** Typical installed size, bytes, where a source gives one. */
  readonly installSize?: Sourced;
  /** Vendor (or osinfo-db) recommended RAM, bytes, where a source gives one. */
  readonly recommendedMemory?: Sourced;
  /** Vendor (or osinfo-db) recommended disk, bytes, where a source gives one. */
  readonly recommendedDisk?: Sourced;
  /** For Windows: the build and which container images it runs in process isolation. */
  readonly windowsContainers?: WindowsContainerHost;
  /**
   * Set when no checkable source gives this OS's footprint (its figures are absent on purpose,
   * not forgotten): what was searched.
   */
  readonly unsourced?: string;
  /** One-line description for hover and completion. */
  readonly summary: string;
}

export type HypervisorClass = 1 | 2;

export interface HypervisorEntry {
  readonly id: string;
  readonly name: string;
  /** The type the language page fixes (product requirements). */
  readonly type: HypervisorClass;
  /** Where the classification is contested (KVM), say so. */
  readonly typeNote?: string;
  readonly typeSource: Source;
  /** Per-VM memory overhead, bytes, where documented. */
  readonly vmOverhead?: Sourced;
  /**
   * The general-purpose kernel the product runs on, which exists even when the host sets no
   * `os`: Linux for KVM, Proxmox VE and Firecracker, Xen's dom0, Windows for Hyper-V's root
   * partition. Absent for ESXi (the VMkernel is not a general-purpose OS) and for type 2
   * products, which need the host's `os`.
   */
  readonly hostKernel?: Sourced<OsFamily>;
  readonly summary: string;
}

export type IsolationLevel =
  /** Namespaces and cgroups on the shared kernel. */
  | 'shared-kernel'
  /** A user-space kernel per container (gVisor). */
  | 'user-space-kernel'
  /** A micro-VM with its own guest kernel per pod or lone container (kata, firecracker). */
  | 'micro-vm'
  /** Windows Hyper-V isolation: a utility VM with its own kernel per container. */
  | 'utility-vm';

export interface RuntimeEntry {
  readonly id: string;
  readonly name: string;
  readonly isolation: IsolationLevel;
  readonly isolationSource: Source;
  /** Start time of one container, ms, where measured. */
  readonly startTime?: Sourced;
  /** Memory overhead per container or pod, bytes, where measured. */
  readonly memoryOverhead?: Sourced;
  /** The OS family of the kernels it runs containers on, when the runtime fixes one (Hyper-V isolation: Windows hosts). */
  readonly hostFamily?: OsFamily;
  readonly summary: string;
}

export interface EngineEntry {
  readonly id: string;
  readonly name: string;
  /** The runtime used when none is set. */
  readonly defaultRuntime: string;
  /** How `defaultRuntime` is known (quoted from `source`), or that it is assumed. */
  readonly defaultRuntimeNote?: string;
  readonly source: Source;
  readonly summary: string;
}
