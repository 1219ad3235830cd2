// The snippets the completion list offers at the start of a statement: a block for each kind
// with its usual properties, a VM with a tenant, a link and a suppression comment. Unlike static
// editor snippets (offered everywhere), each is offered only where what it writes may stand: a
// kind only inside a parent that may contain it (the nesting table), so inside an engine there is
// no `vm` or `hypervisor` snippet; a link wherever a node may stand; a suppression only before a
// node could follow. Choices (`${1|a,b|}`) are catalogue ids, trust levels or rule names.
import { CHECKS } from '../checks/registry';
import { ALLOWED_CHILDREN, type ParentKind } from '../model/nesting';
import type { Kind } from '../syntax/ast';

export interface Snippet {
  /** What is typed to pick it (the label in the list). */
  readonly label: string;
  /** Other words that find it (each is an item of its own in the list). */
  readonly aliases?: readonly string[];
  /** The kind it writes, or a link or a suppression comment. */
  readonly stands: Kind | 'link' | 'suppression';
  readonly description: string;
  /** A VS Code / LSP snippet. */
  readonly body: string;
}

/** Every rule a `# strata-ignore` may name. */
const RULE_NAMES = CHECKS.map((c) => c.meta.name).sort();

export const SNIPPETS: readonly Snippet[] = [
  {
    label: 'group',
    stands: 'group',
    description: 'A group of hosts: a site, rack or cluster. It may contain groups and hosts.',
    body: 'group ${1:site-a} "${2:Site A}" {\n\t$0\n}',
  },
  {
    label: 'host',
    stands: 'host',
    description: 'A physical machine with its cores, memory, disk and host OS. Leave out os only when the host runs nothing but a type 1 hypervisor (esxi, kvm, ...). It may contain hypervisors, engines and apps.',
    body: 'host ${1:host1} "${2:Dell R750 #1}" {\n\tcpu: ${3:32}\n\tmemory: ${4:256GiB}\n\tdisk: ${5:2TB}\n\tos: ${6|ubuntu-24.04,ubuntu-22.04,debian-12,rhel-9,rocky-9,windows-server-2022,windows-11,macos|}\n\t$0\n}',
  },
  {
    label: 'hypervisor',
    stands: 'hypervisor',
    description: 'A hypervisor on a host (or in a VM, for nested virtualization). esxi, kvm, hyper-v, xen and proxmox are type 1 (no host OS needed); virtualbox, vmware-workstation, vmware-fusion, parallels and qemu are type 2 (the host needs an os). It contains VMs.',
    body: 'hypervisor ${1:hv1} {\n\tproduct: ${2|esxi,kvm,hyper-v,xen,proxmox,virtualbox,vmware-workstation,vmware-fusion,parallels,qemu|}\n\t$0\n}',
  },
  {
    label: 'vm',
    stands: 'vm',
    description: 'A virtual machine with its own guest OS and kernel: vCPUs, memory, disk and os. It may contain engines, apps and nested hypervisors.',
    body: 'vm ${1:vm1} {\n\tcpu: ${2:4}\n\tmemory: ${3:16GiB}\n\tdisk: ${4:100GB}\n\tos: ${5|ubuntu-24.04,ubuntu-22.04,debian-12,rhel-9,rocky-9,alpine-3.19,amazon-linux-2023,windows-server-2022|}\n\t$0\n}',
  },
  {
    label: 'vm-tenant',
    stands: 'vm',
    description: 'A virtual machine that belongs to one tenant: everything inside it inherits the tenant.',
    body: 'vm ${1:vm1} {\n\tcpu: ${2:4}\n\tmemory: ${3:16GiB}\n\tos: ${4|ubuntu-24.04,ubuntu-22.04,debian-12,rhel-9,rocky-9,alpine-3.19,amazon-linux-2023,windows-server-2022|}\n\ttenant: ${5:tenant}\n\t$0\n}',
  },
  {
    label: 'engine',
    stands: 'engine',
    description: 'A container engine on a host or VM with an os. runc and crun share the kernel; gvisor, kata and firecracker sandbox each container or pod. It contains pods and containers.',
    body: 'engine ${1:engine1} {\n\tproduct: ${2|docker,containerd,cri-o,podman,lxc|}\n\truntime: ${3|runc,crun,gvisor,kata,firecracker|}\n\t$0\n}',
  },
  {
    label: 'pod',
    stands: 'pod',
    description: 'A pod in an engine: containers that are scheduled together. Set tenant and service here and its containers inherit them.',
    body: 'pod ${1:web-1} {\n\ttenant: ${2:tenant}\n\tservice: ${3:web}\n\t$0\n}',
  },
  {
    label: 'container',
    stands: 'container',
    description: 'A container in an engine or pod, with a pinned image tag, a memory limit, a CPU limit and one app.',
    body: 'container ${1:web} {\n\timage: "${2:acme/web}:${3:1.0.0}"\n\tmemory: ${4:512MiB}\n\tcpu: ${5:500m}\n\tapp ${6:nginx}\n}$0',
  },
  {
    label: 'app',
    stands: 'app',
    description: 'An application process, directly on a host or VM OS or in a container. Its id must be unique in the file.',
    body: 'app ${1:api} { memory: ${2:512MiB} }$0',
  },
  {
    label: 'tenant',
    stands: 'tenant',
    description: 'Declare a tenant and its trust level. Nodes join it with \'tenant: <id>\'.',
    body: 'tenant ${1:finance} { trust: ${2|internal,restricted,public|} }$0',
  },
  {
    label: 'link',
    stands: 'link',
    description: 'A data flow between two nodes, drawn as an arrow: from -> to "label".',
    body: '${1:from} -> ${2:to} "${3:label}"$0',
  },
  {
    label: 'strata-ignore',
    aliases: ['ignore'],
    stands: 'suppression',
    description: 'Silence one rule for the node on the next line. The reason is required; without it the finding stays.',
    body: `# strata-ignore \${1|${RULE_NAMES.join(',')}|}: \${2:reason}$0`,
  },
];

/** The snippets that may stand inside `parent` (`file` for the top level). */
export function snippetsFor(parent: ParentKind): Snippet[] {
  const children = ALLOWED_CHILDREN[parent];
  // Links and suppressions go where nodes may stand: nowhere inside an app or a tenant.
  const nodesMayStand = children.length > 0;
  return SNIPPETS.filter((s) => (s.stands === 'link' || s.stands === 'suppression' ? nodesMayStand : children.includes(s.stands)));
}
