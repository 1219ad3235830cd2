// The operating-system catalogue: family, and vendor (or osinfo-db) minimum/recommended memory
// and disk in bytes, each with its source. Units follow the source: "GB"/"MB" are decimal,
// "GiB"/"MiB" binary. A figure no source gave is absent (never filled from memory).
import type { OsEntry } from './types';
import {
  CANONICAL_UBUNTU_SERVER_SYSTEM_REQUIREMENTS,
  FREEBSD_HANDBOOK_INSTALLING,
  MICROSOFT_WINDOWS_SERVER_HARDWARE_REQUIREMENTS,
  OSINFO_ALPINE_3_19,
  OSINFO_DEBIAN_12,
  OSINFO_FEDORA_COREOS_STABLE,
  OSINFO_RHEL_9,
  OSINFO_ROCKY_9,
  OSINFO_UBUNTU_18_04,
  OSINFO_UBUNTU_22_04,
  OSINFO_WIN_11,
  PWSH1996_WINDOWS_RESEARCH,
  TALOS_SYSTEM_REQUIREMENTS,
} from './sources';

const MB = 1000 ** 2;
const GB = 1000 ** 3;
const MiB = 1024 ** 2;
const GiB = 1024 ** 3;

/** Every operating system Strata knows, by catalogue id. */
export const OS_CATALOGUE: readonly OsEntry[] = [
  {
    id: 'ubuntu-24.04',
    name: 'Ubuntu 24.04 LTS',
    family: 'linux',
    minMemory: {
      value: 1.5 * GB,
      source: CANONICAL_UBUNTU_SERVER_SYSTEM_REQUIREMENTS,
      note: '1.5 GB for an ISO install; 1 GB for the cloud image (amd64). An earlier revision (@155c4e8, Aug 2024) said 1024 MB.',
    },
    recommendedMemory: { value: 3 * GB, source: CANONICAL_UBUNTU_SERVER_SYSTEM_REQUIREMENTS, note: 'Suggested: 3 GB or more.' },
    minDisk: {
      value: 5 * GB,
      source: CANONICAL_UBUNTU_SERVER_SYSTEM_REQUIREMENTS,
      note: '5 GB for an ISO install; 4 GB for the cloud image ("in theory" 2.5 GB).',
    },
    recommendedDisk: { value: 25 * GB, source: CANONICAL_UBUNTU_SERVER_SYSTEM_REQUIREMENTS, note: 'Suggested: 25 GB or more.' },
    summary: 'Ubuntu Server 24.04 LTS (Noble Numbat), Canonical\'s current long-term-support Linux.',
  },
  {
    id: 'ubuntu-22.04',
    name: 'Ubuntu 22.04 LTS',
    family: 'linux',
    minMemory: {
      value: 2 * GiB,
      source: OSINFO_UBUNTU_22_04,
      note: 'osinfo-db minimum (a secondary compilation, often reflecting the desktop installer); Canonical\'s own 22.04 server figure was not found.',
    },
    recommendedMemory: { value: 4 * GiB, source: OSINFO_UBUNTU_22_04 },
    minDisk: { value: 10 * GiB, source: OSINFO_UBUNTU_22_04, note: 'osinfo-db minimum.' },
    recommendedDisk: { value: 25 * GiB, source: OSINFO_UBUNTU_22_04 },
    summary: 'Ubuntu 22.04 LTS (Jammy Jellyfish), a long-term-support Linux.',
  },
  {
    id: 'ubuntu-18.04',
    name: 'Ubuntu 18.04 LTS',
    family: 'linux',
    minMemory: {
      value: 2 * GiB,
      source: OSINFO_UBUNTU_18_04,
      note: 'osinfo-db minimum; Canonical\'s 18.04 server-guide figure was not found.',
    },
    recommendedMemory: { value: 2 * GiB, source: OSINFO_UBUNTU_18_04 },
    minDisk: { value: 5 * GiB, source: OSINFO_UBUNTU_18_04, note: 'osinfo-db minimum.' },
    recommendedDisk: { value: 15 * GiB, source: OSINFO_UBUNTU_18_04 },
    summary: 'Ubuntu 18.04 LTS (Bionic Beaver), an older long-term-support Linux.',
  },
  {
    id: 'debian-12',
    name: 'Debian 12 (bookworm)',
    family: 'linux',
    minMemory: {
      value: 1 * GiB,
      source: OSINFO_DEBIAN_12,
      note: 'osinfo-db minimum. The Debian installer manual (development edition, amd64, not bookworm-specific) says "at least 780MB of memory and 920MB of hard disk space" for a normal install.',
    },
    recommendedMemory: { value: 2 * GiB, source: OSINFO_DEBIAN_12 },
    minDisk: { value: 10 * GiB, source: OSINFO_DEBIAN_12, note: 'osinfo-db minimum.' },
    recommendedDisk: { value: 20 * GiB, source: OSINFO_DEBIAN_12 },
    summary: 'Debian 12 (bookworm), a stable general-purpose Linux.',
  },
  {
    id: 'rhel-9',
    name: 'Red Hat Enterprise Linux 9',
    family: 'linux',
    minMemory: {
      value: 1.5 * GiB,
      source: OSINFO_RHEL_9,
      note: 'x86_64 from local media; 3 GiB for a network install; aarch64/ppc64le 2 GiB; s390x 1 GiB. osinfo-db (Red Hat\'s own install guide was not retrieved).',
    },
    minDisk: { value: 10 * GiB, source: OSINFO_RHEL_9, note: 'osinfo-db minimum.' },
    recommendedDisk: { value: 20 * GiB, source: OSINFO_RHEL_9 },
    summary: 'Red Hat Enterprise Linux 9, a commercial enterprise Linux.',
  },
  {
    id: 'rocky-9',
    name: 'Rocky Linux 9',
    family: 'linux',
    minMemory: {
      value: 1.5 * GiB,
      source: OSINFO_ROCKY_9,
      note: 'Same as RHEL 9 (osinfo-db declares Rocky 9 a clone of RHEL 9.0): x86_64 1.5 GiB; network install 3 GiB.',
    },
    minDisk: { value: 10 * GiB, source: OSINFO_ROCKY_9, note: 'osinfo-db minimum.' },
    recommendedDisk: { value: 20 * GiB, source: OSINFO_ROCKY_9 },
    summary: 'Rocky Linux 9, a community rebuild of RHEL 9.',
  },
  {
    id: 'alpine-3.19',
    name: 'Alpine Linux 3.19',
    family: 'linux',
    minMemory: { value: 128 * MiB, source: OSINFO_ALPINE_3_19, note: 'osinfo-db minimum.' },
    recommendedMemory: { value: 768 * MiB, source: OSINFO_ALPINE_3_19 },
    minDisk: { value: 1 * GiB, source: OSINFO_ALPINE_3_19, note: 'osinfo-db minimum.' },
    recommendedDisk: { value: 4 * GiB, source: OSINFO_ALPINE_3_19 },
    summary: 'Alpine Linux 3.19, a small Linux distribution, common as a container base image.',
  },
  {
    id: 'amazon-linux-2023',
    name: 'Amazon Linux 2023',
    family: 'linux',
    summary: 'Amazon Linux 2023 (AL2023), AWS\'s Linux for EC2. No footprint figures: the AL2023 User Guide gives no minimum memory or disk.',
  },
  {
    id: 'fedora-coreos',
    name: 'Fedora CoreOS',
    family: 'linux',
    minMemory: {
      value: 1 * GiB,
      source: OSINFO_FEDORA_COREOS_STABLE,
      note: 'osinfo-db minimum (stable stream). Live PXE boot needs at least 2 GiB with coreos.live.rootfs_url, 4 GiB otherwise (Fedora Project, "Running Fedora CoreOS directly from RAM").',
    },
    recommendedMemory: { value: 2 * GiB, source: OSINFO_FEDORA_COREOS_STABLE },
    minDisk: { value: 10 * GiB, source: OSINFO_FEDORA_COREOS_STABLE, note: 'osinfo-db minimum.' },
    recommendedDisk: { value: 20 * GiB, source: OSINFO_FEDORA_COREOS_STABLE },
    summary: 'Fedora CoreOS, a minimal, container-focused Linux.',
  },
  {
    id: 'flatcar',
    name: 'Flatcar Container Linux',
    family: 'linux',
    summary: 'Flatcar Container Linux, an immutable, minimal, container-optimised Linux. No footprint figures: its docs give no minimums.',
  },
  {
    id: 'talos',
    name: 'Talos Linux',
    family: 'linux',
    minMemory: {
      value: 1 * GiB,
      source: TALOS_SYSTEM_REQUIREMENTS,
      note: 'Worker minimum (1 GiB, 1 core); a control-plane node needs 2 GiB and 2 cores.',
    },
    recommendedMemory: {
      value: 2 * GiB,
      source: TALOS_SYSTEM_REQUIREMENTS,
      note: 'Worker recommendation (2 GiB, 2 cores); control plane: 4 GiB, 4 cores.',
    },
    minDisk: {
      value: 10 * GiB,
      source: TALOS_SYSTEM_REQUIREMENTS,
      note: 'System disk minimum; most of it is the EPHEMERAL partition for images and containers.',
    },
    recommendedDisk: { value: 100 * GiB, source: TALOS_SYSTEM_REQUIREMENTS },
    installSize: {
      value: 100 * MB,
      source: TALOS_SYSTEM_REQUIREMENTS,
      note: 'An upper bound: "Talos Linux itself only requires less than 100 MB of disk space".',
    },
    summary: 'Talos Linux, a minimal Linux for Kubernetes control-plane and worker nodes (the OS itself takes under 100 MB of disk).',
  },
  {
    id: 'windows-server-2022',
    name: 'Windows Server 2022',
    family: 'windows',
    minMemory: {
      value: 512 * MB,
      source: MICROSOFT_WINDOWS_SERVER_HARDWARE_REQUIREMENTS,
      note: 'Server Core installation. Server with Desktop Experience needs 2 GB. Setup in a VM with 512 MB fails: allocate more than 800 MB during installation, then reduce to 512 MB.',
    },
    minDisk: {
      value: 32 * GB,
      source: MICROSOFT_WINDOWS_SERVER_HARDWARE_REQUIREMENTS,
      note: '"Absolute minimum", both installation options; Server Core is "~4 GB smaller" than Desktop Experience.',
    },
    installSize: {
      value: 6.12 * GB,
      source: PWSH1996_WINDOWS_RESEARCH,
      note: 'Third-party: fresh Server Core install, VHD size (76 processes, 57 running services) in a VM with 6 GB RAM, 50 GB SSD, 1 vCPU. Desktop Experience: 9.47 GB (122 processes, 84 services).',
    },
    summary: 'Windows Server 2022 (figures for Server Core; Desktop Experience needs more). Windows containers need a Windows kernel.',
  },
  {
    id: 'windows-server-2019',
    name: 'Windows Server 2019',
    family: 'windows',
    minMemory: {
      value: 512 * MB,
      source: MICROSOFT_WINDOWS_SERVER_HARDWARE_REQUIREMENTS,
      note: 'Server Core installation; Server with Desktop Experience needs 2 GB. osinfo-db agrees (512 MiB; recommended 2 GiB).',
    },
    minDisk: {
      value: 32 * GB,
      source: MICROSOFT_WINDOWS_SERVER_HARDWARE_REQUIREMENTS,
      note: 'Minimum for both installation options. osinfo-db agrees (32 GiB; recommended 40 GiB).',
    },
    summary: 'Windows Server 2019 (figures for Server Core). It cannot run Windows Server 2022 container images.',
  },
  {
    id: 'windows-11',
    name: 'Windows 11',
    family: 'windows',
    minMemory: {
      value: 4 * GiB,
      source: OSINFO_WIN_11,
      note: 'osinfo-db minimum (its merge request: "Min RAM is 4 GB, disk is 64 GB"); also 2 CPUs, TPM 2.0 and UEFI with Secure Boot. Microsoft\'s own spec page was not retrieved.',
    },
    minDisk: { value: 64 * GiB, source: OSINFO_WIN_11, note: 'osinfo-db minimum.' },
    summary: 'Windows 11, Microsoft\'s desktop OS (also a host for type 2 hypervisors on laptops).',
  },
  {
    id: 'windows-10',
    name: 'Windows 10',
    family: 'windows',
    summary: 'Windows 10, Microsoft\'s previous desktop OS. No footprint figures: no source was checked. It offers no process-isolated Windows containers.',
  },
  {
    id: 'macos',
    name: 'macOS',
    family: 'macos',
    summary: 'Apple macOS, as a laptop or desktop host OS (e.g. for VMware Fusion or Parallels). No footprint figures: no source was checked.',
  },
  {
    id: 'freebsd-14',
    name: 'FreeBSD 14',
    family: 'bsd',
    minMemory: {
      value: 96 * MB,
      source: FREEBSD_HANDBOOK_INSTALLING,
      note: '"Only suitable for custom applications like embedded appliances"; the Handbook text is not version-specific.',
    },
    recommendedMemory: {
      value: 2 * GB,
      source: FREEBSD_HANDBOOK_INSTALLING,
      note: 'Lower end of "2–4 GB", "a good starting point" for general-purpose systems.',
    },
    minDisk: { value: 1.5 * GB, source: FREEBSD_HANDBOOK_INSTALLING, note: 'Handbook minimum (not version-specific).' },
    recommendedDisk: { value: 8 * GB, source: FREEBSD_HANDBOOK_INSTALLING, note: '"At least 8 GB", a good starting point.' },
    summary: 'FreeBSD 14, a BSD operating system with its own (non-Linux) kernel.',
  },
];
