// The citations behind every catalogue figure, each defined once and reused: publisher, title,
// URL and a snapshot reference. The seed documents (the four articles the project's domain claims
// start from; docs/architecture.md) are cited by title. A figure without one of these is not in
// the catalogue.
import type { Source } from './types';

// ---------------------------------------------------------------------------------------------
// The project's own documents
// ---------------------------------------------------------------------------------------------

/** The Strata language page: it fixes the hypervisor types and the catalogue ids. */
export const STRATA_LANGUAGE_PAGE: Source = {
  publisher: 'Strata',
  title: 'The Strata language, version 2 (product requirements)',
  ref: 'shared/guides/strata-language.md',
};

/** Seed 000: containers vs VMs (overhead, start-up, isolation, hypervisor types). */
export const SEED_COMPARING_CONTAINERS_TO_VMS: Source = {
  publisher: 'Strata seed documents',
  title: '2.1.1 Comparing containers to virtual machines',
  ref: 'shared/seeds/000_0fc17ce284f6d83b.txt',
  thirdParty: true,
};

/** Seed 001: the longer version of seed 000 (book chapter "Introducing containers"). */
export const SEED_INTRODUCING_CONTAINERS: Source = {
  publisher: 'Strata seed documents',
  title: 'Introducing containers',
  ref: 'shared/seeds/001_711ce35bddc7bdb8.txt',
  thirdParty: true,
};

/** Seed 002: VMs "take a few minutes", containers "a few milliseconds"; type 1/2 examples. */
export const SEED_CONTAINERS_AND_VMS: Source = {
  publisher: 'Strata seed documents',
  title: 'Containers and Virtual Machine (VM)',
  ref: 'shared/seeds/002_6b7e9e9f64813b49.txt',
  thirdParty: true,
};

/** Seed 003: containers share the host kernel; "containers can start up faster and use less memory". */
export const SEED_GUIDE_CONTAINERS_VS_VMS: Source = {
  publisher: 'Strata seed documents',
  title: 'Guide: Containers vs VMs',
  ref: 'shared/seeds/003_325c346f26d0c26b.txt',
  thirdParty: true,
};

// ---------------------------------------------------------------------------------------------
// Operating systems
// ---------------------------------------------------------------------------------------------

/** Canonical's Ubuntu Server system requirements (scoped to Ubuntu 24.04 LTS amd64). */
export const CANONICAL_UBUNTU_SERVER_SYSTEM_REQUIREMENTS: Source = {
  publisher: 'Canonical',
  title: 'Ubuntu Server docs "System requirements"',
  url: 'https://documentation.ubuntu.com/server/reference/installation/system-requirements/',
  ref: 'canonical/ubuntu-server-documentation@89b7ab7:docs/reference/installation/system-requirements.md',
};

const OSINFO_URL = 'https://gitlab.com/libosinfo/osinfo-db';
function osinfo(path: string, commit = '62326e1'): Source {
  return {
    publisher: 'libosinfo project',
    title: `osinfo-db ${path}`,
    url: OSINFO_URL,
    ref: `crobinso/osinfo-db@${commit}:${path}`,
  };
}

/** osinfo-db entry for Ubuntu 20.04 (min 2 GiB RAM, 5 GiB disk; recommended 4 GiB, 25 GiB). */
export const OSINFO_UBUNTU_20_04: Source = osinfo('data/os/ubuntu.com/ubuntu-20.04.xml.in', '137589c');
/** osinfo-db entry for Debian 11 (min 1 GiB, 10 GiB; recommended 2 GiB, 20 GiB). */
export const OSINFO_DEBIAN_11: Source = osinfo('data/os/debian.org/debian-11.xml.in', '0fc23cd');
/** osinfo-db entry for RHEL 8.0 (min 1.5 GiB, network install 3 GiB, 10 GiB disk). */
export const OSINFO_RHEL_8: Source = osinfo('data/os/redhat.com/rhel-8.0.xml.in', '00a2aea');
/** osinfo-db entry for Rocky Linux 8 (a clone of RHEL 8.4: min 1.5 GiB, 10 GiB). */
export const OSINFO_ROCKY_8: Source = osinfo('data/os/rockylinux.org/rocky-8.xml.in', '18486b5');
/** osinfo-db entry for AlmaLinux 9 (a clone of RHEL 9.0: min 1.5 GiB, 10 GiB). */
export const OSINFO_ALMALINUX_9: Source = osinfo('data/os/almalinux.org/almalinux-9.xml.in', '111308e');
/** osinfo-db entry for Windows Server 2025 (min 512 MiB, 32 GiB; recommended 4 GiB, 40 GiB). */
export const OSINFO_WIN_2K25: Source = osinfo('data/os/microsoft.com/win-2k25.xml.in', '074e10f');
/** osinfo-db entry for Windows 10 (x86_64 min 2 GiB, 20 GiB). */
export const OSINFO_WIN_10: Source = osinfo('data/os/microsoft.com/win-10.xml.in', '02c3675');

/** osinfo-db entry for Ubuntu 22.04. */
export const OSINFO_UBUNTU_22_04: Source = osinfo('data/os/ubuntu.com/ubuntu-22.04.xml.in');
/** osinfo-db entry for Ubuntu 18.04. */
export const OSINFO_UBUNTU_18_04: Source = osinfo('data/os/ubuntu.com/ubuntu-18.04.xml.in');
/** osinfo-db entry for Debian 12. */
export const OSINFO_DEBIAN_12: Source = osinfo('data/os/debian.org/debian-12.xml.in');
/** osinfo-db entry for RHEL 9.0. */
export const OSINFO_RHEL_9: Source = osinfo('data/os/redhat.com/rhel-9.0.xml.in');
/** osinfo-db entry for Rocky Linux 9 (declares itself a clone of RHEL 9.0). */
export const OSINFO_ROCKY_9: Source = osinfo('data/os/rockylinux.org/rocky-9.xml.in');
/** osinfo-db entry for Alpine Linux 3.19. */
export const OSINFO_ALPINE_3_19: Source = osinfo('data/os/alpinelinux.org/alpinelinux-3.19.xml.in');
/** osinfo-db entry for Fedora CoreOS (stable stream). */
export const OSINFO_FEDORA_COREOS_STABLE: Source = osinfo('data/os/fedoraproject.org/coreos-stable.xml.in');
/** osinfo-db entry for Windows 11. */
export const OSINFO_WIN_11: Source = osinfo('data/os/microsoft.com/win-11.xml.in');

/** The osinfo-db merge request that added Windows 11 ("Min RAM is 4 GB, disk is 64 GB"). */
export const OSINFO_MR_WINDOWS_11: Source = {
  publisher: 'libosinfo project',
  title: 'MR "Add Windows 11 to the database"',
  url: 'https://gitlab.com/libosinfo/osinfo-db/-/merge_requests/362',
};

/** Debian installer manual, §2.5 (development build, amd64; not bookworm-specific). */
export const DEBIAN_INSTALLATION_GUIDE: Source = {
  publisher: 'Debian Installer team',
  title: 'Installation Guide §2.5 (development build, not bookworm-specific)',
  url: 'https://d-i.debian.org/manual/de.amd64/ch02s05.html',
};

/** Fedora CoreOS live-boot memory requirements. */
export const FEDORA_COREOS_LIVE_BOOTING: Source = {
  publisher: 'Fedora Project',
  title: 'Running Fedora CoreOS directly from RAM',
  url: 'https://docs.fedoraproject.org/en-US/fedora-coreos/live-booting/',
};

/** Talos Linux system requirements (same table in v1.5–v1.12). */
export const TALOS_SYSTEM_REQUIREMENTS: Source = {
  publisher: 'Sidero Labs',
  title: 'Talos "System Requirements"',
  url: 'https://www.talos.dev/v1.11/introduction/system-requirements/',
};

/** Microsoft's Windows Server hardware requirements (pivot 2022/2019/2016). */
export const MICROSOFT_WINDOWS_SERVER_HARDWARE_REQUIREMENTS: Source = {
  publisher: 'Microsoft',
  title: 'Hardware requirements for Windows Server',
  url: 'https://learn.microsoft.com/windows-server/get-started/hardware-requirements',
  ref: 'MicrosoftDocs/windowsserverdocs@0985507:WindowsServerDocs/get-started/hardware-requirements.md',
};

/** Third-party measurements of fresh Windows Server installs (VHD size, processes, services). */
export const PWSH1996_WINDOWS_RESEARCH: Source = {
  publisher: 'pwsh1996',
  title: 'WindowsResearch README',
  url: 'https://github.com/pwsh1996/WindowsResearch',
  thirdParty: true,
};

/** FreeBSD Handbook, "Installing FreeBSD" → Minimum Hardware Requirements (not version-specific). */
export const FREEBSD_HANDBOOK_INSTALLING: Source = {
  publisher: 'FreeBSD Project',
  title: 'FreeBSD Handbook, "Installing FreeBSD" → Minimum Hardware Requirements',
  url: 'https://docs.freebsd.org/en/books/handbook/bsdinstall/',
  ref: 'freebsd/freebsd-doc@080f1b7:documentation/content/en/books/handbook/bsdinstall/_index.adoc',
};

// ---------------------------------------------------------------------------------------------
// Hypervisors
// ---------------------------------------------------------------------------------------------

/** IBM's hypervisor explainer: ESXi type 1; VirtualBox, Workstation, Fusion type 2. */
export const IBM_WHAT_ARE_HYPERVISORS: Source = {
  publisher: 'IBM',
  title: 'What are hypervisors?',
  url: 'https://www.ibm.com/topics/hypervisors',
};

/** Red Hat: "KVM is an example of a type 1 hypervisor". */
export const RED_HAT_WHAT_IS_A_VIRTUAL_MACHINE: Source = {
  publisher: 'Red Hat',
  title: 'What is a virtual machine?',
  url: 'https://www.redhat.com/en/topics/virtualization/what-is-a-virtual-machine',
};

/** Dall et al. call KVM a type 2 ("hosted hypervisor integrated within an existing OS kernel"). */
export const DALL_ISCA_2016: Source = {
  publisher: 'Dall et al., ISCA 2016',
  title: 'ARM Virtualization: Performance and Architectural Implications',
  url: 'http://www.cs.columbia.edu/~cdall/pubs/isca2016-dall.pdf',
};

/** The Xen Project's own description ("open-source type-1 or baremetal hypervisor"), as quoted by FreeBSD ports. */
export const XEN_PROJECT_DESCRIPTION: Source = {
  publisher: 'Xen Project (quoted in FreeBSD ports)',
  title: 'emulators/xen-kernel pkg-descr',
  url: 'https://cgit.freebsd.org/ports/plain/emulators/xen-kernel/pkg-descr',
};

/** Microsoft: "As a type-1 hypervisor, Hyper-V runs directly on computing hardware". */
export const MICROSOFT_HYPER_V_OVERVIEW: Source = {
  publisher: 'Microsoft',
  title: 'Hyper-V virtualization in Windows Server and Windows',
  ref: 'MicrosoftDocs/windowsserverdocs@e0b3d01:WindowsServerDocs/virtualization/hyper-v/overview.md',
};

/** Proxmox VE documentation (no type label given). */
export const PROXMOX_PVE_DOCS: Source = {
  publisher: 'Proxmox',
  title: 'pve-docs',
  url: 'https://pve.proxmox.com/pve-docs/',
  ref: 'proxmox/pve-docs:pct.adoc',
};

/** Nutanix community post (by a Nutanix employee) calling AHV a type 1 hypervisor. */
export const NUTANIX_COMMUNITY_AHV: Source = {
  publisher: 'Nutanix Community (post by Nutanix employee)',
  title: 'Nutanix Acropolis Hypervisor a.k.a AHV',
  url: 'https://next.nutanix.com/how-it-works-22/nutanix-acropolis-hypervisor-a-k-a-ahv-38786',
  thirdParty: true,
};

/** Firecracker's specification: boot time, VMM start time and VMM memory overhead, enforced by CI. */
export const FIRECRACKER_SPECIFICATION: Source = {
  publisher: 'AWS',
  title: 'Firecracker SPECIFICATION.md',
  ref: 'firecracker-microvm/firecracker@81b38b9:SPECIFICATION.md',
};

/** Firecracker design document (creation rate). */
export const FIRECRACKER_DESIGN: Source = {
  publisher: 'AWS',
  title: 'Firecracker docs/design.md',
  url: 'https://github.com/firecracker-microvm/firecracker/blob/main/docs/design.md',
};

/** Cloud Hypervisor README (a Rust VMM on KVM or MSHV). */
export const CLOUD_HYPERVISOR_README: Source = {
  publisher: 'Cloud Hypervisor',
  title: 'Cloud Hypervisor README',
  url: 'https://github.com/cloud-hypervisor/cloud-hypervisor/blob/main/README.md',
};

/** VMware's vSphere 6.7 sample overhead-memory table (read from a third-party mirror). */
export const VMWARE_VSPHERE_6_7_RESOURCE_MANAGEMENT: Source = {
  publisher: 'VMware',
  title: 'vSphere 6.7 Resource Management, Table 6-1 "Sample Overhead Memory on Virtual Machines"',
};

/** OpenShift Virtualization (KubeVirt) per-VM memory overhead formula. */
export const OPENSHIFT_VIRT_RESOURCE_REQUIREMENTS: Source = {
  publisher: 'Red Hat',
  title: 'OpenShift docs — virt-cluster-resource-requirements',
  ref: 'openshift/openshift-docs@6b19f5f:modules/virt-cluster-resource-requirements.adoc',
};

/** QEMU's introduction: TCG ("purely emulated") is the default accelerator. */
export const QEMU_INTRODUCTION: Source = {
  publisher: 'QEMU',
  title: 'Introduction',
  ref: 'qemu/qemu@1093893:docs/system/introduction.rst',
};

// ---------------------------------------------------------------------------------------------
// Container runtimes
// ---------------------------------------------------------------------------------------------

/** runc's package description ("CLI tool for spawning and running containers according to the OCI specification"). */
export const RUNC_PACKAGE_DESCRIPTION: Source = {
  publisher: 'opencontainers/runc (Fedora package golang-github-opencontainers-runc)',
  title: 'package description',
  url: 'https://packages.fedoraproject.org/pkgs/golang-github-opencontainers-runc/',
};

/** crun README, "Performance": 100 sequential `/bin/true` containers, crun vs runc, no engine. */
export const CRUN_README: Source = {
  publisher: 'Red Hat/containers',
  title: 'crun README "Performance"',
  ref: 'containers/crun@0138c64:README.md',
};

/** gVisor overview: the Sentry "does not pass system calls through to the host kernel". */
export const GVISOR_README: Source = {
  publisher: 'Google',
  title: 'gVisor g3doc/README.md',
  ref: 'google/gvisor@3c5eee1:g3doc/README.md',
};

/** gVisor start-up benchmark data (via Docker, ptrace platform, 2020). */
export const GVISOR_STARTUP_CSV: Source = {
  publisher: 'Google',
  title: 'gVisor website/performance/startup.csv',
  ref: 'google/gvisor@3c5eee1:website/performance/startup.csv',
};

/** gVisor density benchmark data (memory per container). */
export const GVISOR_DENSITY_CSV: Source = {
  publisher: 'Google',
  title: 'gVisor website/performance/density.csv',
  ref: 'google/gvisor@3c5eee1:website/performance/density.csv',
};

/** Kata Containers architecture: a lightweight VM per pod. */
export const KATA_ARCHITECTURE: Source = {
  publisher: 'Kata Containers',
  title: 'docs/design/architecture/README.md',
  ref: 'kata-containers/kata-containers@7c6ba40:docs/design/architecture/README.md',
};

/** Kata CI metric baselines, Cloud Hypervisor ("metric8" worker). */
export const KATA_CHECKMETRICS_CLH: Source = {
  publisher: 'Kata Containers',
  title: 'checkmetrics-json-clh-kata-metric8.toml (CI baseline)',
  ref: 'kata-containers/kata-containers@87a3318:tests/metrics/cmd/checkmetrics/ci_worker/checkmetrics-json-clh-kata-metric8.toml',
};

/** Kata CI metric baselines, QEMU ("metric8" worker). */
export const KATA_CHECKMETRICS_QEMU: Source = {
  publisher: 'Kata Containers',
  title: 'checkmetrics-json-qemu-kata-metric8.toml (CI baseline)',
  ref: 'kata-containers/kata-containers@87a3318:tests/metrics/cmd/checkmetrics/ci_worker/checkmetrics-json-qemu-kata-metric8.toml',
};

/** Kata's shipped RuntimeClass `overhead.podFixed` defaults. */
export const KATA_RUNTIMECLASSES: Source = {
  publisher: 'Kata Containers',
  title: 'kata-deploy helm chart runtimeclasses.yaml',
  ref: 'kata-containers/kata-containers@7c6ba40:tools/packaging/kata-deploy/helm-chart/kata-deploy/templates/runtimeclasses.yaml',
};

/** firecracker-containerd: a microVM per workload, runc containers inside. */
export const FIRECRACKER_CONTAINERD_README: Source = {
  publisher: 'AWS',
  title: 'firecracker-containerd README',
  ref: 'firecracker-microvm/firecracker-containerd@be68640:README.md',
};

// ---------------------------------------------------------------------------------------------
// Container engines
// ---------------------------------------------------------------------------------------------

/** Docker Engine API: "The default runtime is `runc`" (SystemInfo.Runtimes). */
export const MOBY_ENGINE_API_SWAGGER: Source = {
  publisher: 'moby',
  title: 'Docker Engine API api/swagger.yaml',
  url: 'https://github.com/moby/moby/blob/master/api/swagger.yaml',
};

/** Debian's containerd package description (depends on runc). */
export const DEBIAN_CONTAINERD_PACKAGE: Source = {
  publisher: 'Debian',
  title: 'package containerd description',
  url: 'https://packages.debian.org/bookworm/containerd',
};

/** CRI-O README: "OCI-based implementation of Kubernetes Container Runtime Interface". */
export const CRIO_README: Source = {
  publisher: 'CRI-O',
  title: 'cri-o README',
  url: 'https://github.com/cri-o/cri-o',
};

/** Podman README: "daemonless container engine". */
export const PODMAN_README: Source = {
  publisher: 'Podman',
  title: 'podman README',
  url: 'https://github.com/containers/podman',
};

/** LXC README: system containers without a separate kernel. */
export const LXC_README: Source = {
  publisher: 'LXC',
  title: 'lxc README',
  url: 'https://github.com/lxc/lxc',
};

// ---------------------------------------------------------------------------------------------
// Windows containers
// ---------------------------------------------------------------------------------------------

/** Microsoft: process and Hyper-V isolation ("effectively gets its own kernel"). */
export const MICROSOFT_ISOLATION_MODES: Source = {
  publisher: 'Microsoft',
  title: 'Isolation Modes (Windows containers)',
  url: 'https://learn.microsoft.com/virtualization/windowscontainers/manage-containers/hyperv-container',
  ref: 'MicrosoftDocs/Virtualization-Documentation@77e0742:virtualization/windowscontainers/manage-containers/hyperv-container.md',
};

/** Microsoft: which Windows container images run on which hosts, in process and Hyper-V isolation. */
export const MICROSOFT_WINDOWS_CONTAINER_VERSION_COMPATIBILITY: Source = {
  publisher: 'Microsoft',
  title: 'Windows container version compatibility (ms.date 01/23/2025)',
  url: 'https://learn.microsoft.com/virtualization/windowscontainers/deploy-containers/version-compatibility',
  ref: 'MicrosoftDocs/Virtualization-Documentation@77e0742:virtualization/windowscontainers/deploy-containers/version-compatibility.md',
};

/** Microsoft: Windows container requirements (memory to start a container; nested virtualization for Hyper-V isolation in a VM). */
export const MICROSOFT_WINDOWS_CONTAINER_REQUIREMENTS: Source = {
  publisher: 'Microsoft',
  title: 'Windows container requirements',
  url: 'https://learn.microsoft.com/virtualization/windowscontainers/deploy-containers/system-requirements',
  ref: 'MicrosoftDocs/Virtualization-Documentation@0d48b66:virtualization/windowscontainers/deploy-containers/system-requirements.md',
};
