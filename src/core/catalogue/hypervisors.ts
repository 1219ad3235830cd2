// The hypervisor-product catalogue: each product's type (1 = on the hardware, 2 = on a host OS)
// as the language page fixes it, the contested nuance in `typeNote`, and per-VM memory overhead
// where a source documents one.
import type { HypervisorEntry, Sourced } from './types';
import type { OsFamily } from '../model/model';
import {
  CLOUD_HYPERVISOR_README,
  FIRECRACKER_SPECIFICATION,
  IBM_WHAT_ARE_HYPERVISORS,
  MICROSOFT_HYPER_V_OVERVIEW,
  NUTANIX_COMMUNITY_AHV,
  OPENSHIFT_VIRT_RESOURCE_REQUIREMENTS,
  PROXMOX_PVE_DOCS,
  RED_HAT_WHAT_IS_A_VIRTUAL_MACHINE,
  STRATA_LANGUAGE_PAGE,
  VMWARE_VSPHERE_6_7_RESOURCE_MANAGEMENT,
  XEN_PROJECT_DESCRIPTION,
} from './sources';

const MB = 1000 ** 2;
const MiB = 1024 ** 2;

const KVM_CONTESTED =
  'KVM\'s type is contested: Red Hat calls it type 1 ("KVM is an example of a type 1 hypervisor"); Dall et al. (ISCA 2016) call it type 2, a "hosted hypervisor integrated within an existing OS kernel".';

const onLinux = (note: string, source = STRATA_LANGUAGE_PAGE): Sourced<OsFamily> => ({ value: 'linux', source, note });

/** Every hypervisor product Strata knows, by catalogue id. */
export const HYPERVISOR_CATALOGUE: readonly HypervisorEntry[] = [
  {
    id: 'esxi',
    name: 'VMware ESXi',
    type: 1,
    typeSource: IBM_WHAT_ARE_HYPERVISORS,
    vmOverhead: {
      value: 20.29 * MB,
      source: VMWARE_VSPHERE_6_7_RESOURCE_MANAGEMENT,
      note: 'Sample only: static (power-on) overhead of a 256 MB VM with 1 vCPU in vSphere 6.7 (2 vCPUs: 24.28 MB; 4 vCPUs: 32.23 MB). It grows with configured memory and vCPUs and differs by version (vSphere 4.0 values are ~5× larger); query LookupVmOverheadMemory for a real host. Table read from a third-party mirror.',
    },
    summary: 'VMware ESXi, a bare-metal (type 1) hypervisor: the VMkernel runs on the hardware.',
  },
  {
    id: 'kvm',
    name: 'KVM',
    type: 1,
    typeNote: `${KVM_CONTESTED} Strata uses type 1, as its language page fixes. Per-VM overhead: see kvmOverheadEstimate (KubeVirt formula).`,
    typeSource: RED_HAT_WHAT_IS_A_VIRTUAL_MACHINE,
    hostKernel: onLinux('KVM is a module of the Linux kernel: the host runs Linux, whose kernel also runs whatever stands beside the VMs.', RED_HAT_WHAT_IS_A_VIRTUAL_MACHINE),
    summary: 'KVM, the Linux kernel\'s hypervisor module; a user-space VMM (QEMU, Firecracker, Cloud Hypervisor) supplies the devices.',
  },
  {
    id: 'xen',
    name: 'Xen',
    type: 1,
    typeSource: XEN_PROJECT_DESCRIPTION,
    hostKernel: onLinux('The privileged dom0 (normally Linux) provides the drivers; its kernel is the one workloads beside the VMs run on.', XEN_PROJECT_DESCRIPTION),
    summary: 'Xen, an "open-source type-1 or baremetal hypervisor"; a privileged dom0 provides the drivers.',
  },
  {
    id: 'hyper-v',
    name: 'Microsoft Hyper-V',
    type: 1,
    typeNote: 'The Windows host OS itself runs in the root partition "on top of the Hyper-V virtualization layer, just as guest operating systems do" (earlier revision of the same page).',
    typeSource: MICROSOFT_HYPER_V_OVERVIEW,
    hostKernel: {
      value: 'windows',
      source: MICROSOFT_HYPER_V_OVERVIEW,
      note: 'The Windows host OS runs in the root partition "on top of the Hyper-V virtualization layer, just as guest operating systems do".',
    },
    summary: 'Microsoft Hyper-V: "As a type-1 hypervisor, Hyper-V runs directly on computing hardware". Also provides Hyper-V isolation for Windows containers.',
  },
  {
    id: 'proxmox',
    name: 'Proxmox VE',
    type: 1,
    typeNote: `The vendor gives no type label; a Packt book (R. Goldman, "Learning Proxmox VE") calls it type II. Proxmox VE runs KVM/QEMU VMs, so it inherits KVM's classification. ${KVM_CONTESTED} Strata uses type 1, as its language page fixes.`,
    typeSource: STRATA_LANGUAGE_PAGE,
    hostKernel: onLinux('Proxmox VE is a Debian-based platform: KVM/QEMU VMs and LXC containers run on its Linux kernel.', PROXMOX_PVE_DOCS),
    summary: 'Proxmox VE, a Debian-based virtualisation platform running KVM/QEMU VMs and LXC containers.',
  },
  {
    id: 'firecracker',
    name: 'Firecracker',
    type: 1,
    typeNote: `Firecracker is a VMM on KVM, not a hypervisor by itself, and inherits KVM's classification. ${KVM_CONTESTED} Strata uses type 1, as its language page fixes.`,
    typeSource: STRATA_LANGUAGE_PAGE,
    vmOverhead: {
      value: 5 * MiB,
      source: FIRECRACKER_SPECIFICATION,
      note: 'Upper bound on the VMM\'s own memory per microVM, checked by CI (excludes the MMDS data store; can be exceeded, e.g. with many vsock connections).',
    },
    hostKernel: onLinux('Firecracker is a VMM process on KVM, so on a Linux host kernel.', FIRECRACKER_SPECIFICATION),
    summary: 'Firecracker, a minimal Rust VMM on KVM for micro-VMs (boots to guest init in at most 125 ms).',
  },
  {
    id: 'nutanix-ahv',
    name: 'Nutanix AHV',
    type: 1,
    typeNote: `Called type 1 in a Nutanix community post (third-party). AHV is built on a CentOS KVM foundation. ${KVM_CONTESTED}`,
    typeSource: NUTANIX_COMMUNITY_AHV,
    hostKernel: onLinux('AHV is built on a CentOS KVM foundation.', NUTANIX_COMMUNITY_AHV),
    summary: 'Nutanix AHV (Acropolis Hypervisor), built on KVM, with a Controller VM (CVM) on each node.',
  },
  {
    id: 'cloud-hypervisor',
    name: 'Cloud Hypervisor',
    type: 1,
    typeNote: `Not on the language page. Cloud Hypervisor is a VMM on KVM or the Microsoft Hypervisor (MSHV); Strata classes it with KVM as type 1. ${KVM_CONTESTED}`,
    typeSource: CLOUD_HYPERVISOR_README,
    hostKernel: onLinux('Cloud Hypervisor is a VMM process on KVM (Linux) or the Microsoft Hypervisor; Strata assumes KVM.', CLOUD_HYPERVISOR_README),
    summary: 'Cloud Hypervisor, a Rust VMM (rust-vmm crates, virtio devices only) on KVM or MSHV.',
  },
  {
    id: 'virtualbox',
    name: 'Oracle VirtualBox',
    type: 2,
    typeNote: 'Oracle\'s manual calls it a "so-called hosted hypervisor, sometimes referred to as a type 2 hypervisor" (seen only in secondary quotations).',
    typeSource: IBM_WHAT_ARE_HYPERVISORS,
    summary: 'Oracle VirtualBox, a hosted (type 2) hypervisor for Linux, macOS and Windows hosts.',
  },
  {
    id: 'vmware-workstation',
    name: 'VMware Workstation',
    type: 2,
    typeSource: IBM_WHAT_ARE_HYPERVISORS,
    summary: 'VMware Workstation, a hosted (type 2) hypervisor for desktops.',
  },
  {
    id: 'vmware-fusion',
    name: 'VMware Fusion',
    type: 2,
    typeSource: IBM_WHAT_ARE_HYPERVISORS,
    summary: 'VMware Fusion, a hosted (type 2) hypervisor for macOS.',
  },
  {
    id: 'parallels',
    name: 'Parallels Desktop',
    type: 2,
    typeNote: 'The vendor\'s type label is unsourced. Parallels Desktop is hosted on macOS and uses Apple\'s built-in hypervisor or Parallels\' own hypervisor loaded as a macOS system extension (Parallels product-manager blog post, read from a third-party mirror).',
    typeSource: STRATA_LANGUAGE_PAGE,
    summary: 'Parallels Desktop, a hypervisor hosted on macOS.',
  },
  {
    id: 'qemu',
    name: 'QEMU',
    type: 2,
    typeNote: 'With TCG, QEMU\'s default accelerator, it is not a hypervisor at all but pure emulation (dynamic binary translation; "purely emulated"). With an accelerator it uses KVM (see kvm), Xen, HVF (macOS), WHPX (Windows), NVMM (NetBSD) or HAXM (QEMU, "Introduction").',
    typeSource: STRATA_LANGUAGE_PAGE,
    summary: 'QEMU, a machine emulator and virtualiser; on its own it emulates, with KVM it is KVM\'s usual VMM.',
  },
];

/**
 * The memory a hypervisor product needs per VM of this size, where a source gives a figure: the
 * KubeVirt estimate for KVM, the ESXi sample table, Firecracker's VMM bound. Undefined otherwise.
 */
export function hypervisorVmOverhead(product: string, memBytes: number, vcpus: number): Sourced | undefined {
  if (product === 'kvm') return { ...kvmOverheadEstimate(memBytes, vcpus), estimate: true };
  return HYPERVISOR_CATALOGUE.find((h) => h.id === product)?.vmOverhead;
}

/**
 * Estimated per-VM memory overhead of a KVM guest under KubeVirt / OpenShift Virtualization, bytes:
 * 0.002 × requested memory + 218 MiB (virt-launcher pod) + 8 MiB × vCPUs + 16 MiB × graphics devices.
 * (The source adds 1 GiB per SR-IOV NIC or GPU and 256 MiB with SEV; not modelled here.)
 */
export function kvmOverheadEstimate(memBytes: number, vcpus: number, graphicsDevices = 0): Sourced {
  const mem = Number.isFinite(memBytes) && memBytes > 0 ? memBytes : 0;
  const cpus = Number.isFinite(vcpus) && vcpus > 0 ? vcpus : 0;
  const gfx = Number.isFinite(graphicsDevices) && graphicsDevices > 0 ? graphicsDevices : 0;
  const value = Math.round(0.002 * mem + 218 * MiB + 8 * MiB * cpus + 16 * MiB * gfx);
  return {
    value,
    source: OPENSHIFT_VIRT_RESOURCE_REQUIREMENTS,
    note: 'KubeVirt/OpenShift Virtualization estimate: 0.002 × requested memory + 218 MiB (virt-launcher pod) + 8 MiB × vCPUs + 16 MiB × graphics devices (+1 GiB per SR-IOV NIC or GPU, +256 MiB with SEV, not included). Coefficient corrected from 1.002 to 0.002 in openshift-docs PR #98819.',
  };
}
