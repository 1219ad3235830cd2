// Shared by the VM readers: where a VM goes. A cloud instance runs on the provider's hardware
// (one host per instance: the provider may place each on a different machine); a libvirt,
// Proxmox or vSphere VM runs on its hypervisor host.
import { joinId, slug } from './ids';
import { node } from './build';
import type { ImportNode } from './types';

export const CLOUDS: Readonly<Record<string, { name: string; product: string; note: string }>> = {
  aws: { name: 'AWS EC2', product: 'kvm', note: 'EC2 Nitro instances run on a KVM-based hypervisor (older Xen-based types differ).' },
  azure: { name: 'Azure', product: 'hyper-v', note: 'Azure runs VMs on Hyper-V.' },
  gcp: { name: 'Google Compute Engine', product: 'kvm', note: 'Compute Engine runs VMs on KVM.' },
};

/** A cloud instance: group per provider, a host for its (invisible) hardware, a hypervisor, the VM. */
export function cloudVm(roots: Map<string, ImportNode>, cloud: string, vm: ImportNode): void {
  const c = CLOUDS[cloud];
  const gkey = `cloud:${cloud}`;
  let group = roots.get(gkey);
  if (!group) roots.set(gkey, (group = node('group', gkey, joinId('cloud', cloud), { label: c.name })));
  const hv = node('hypervisor', `${vm.key}/hypervisor`, joinId(vm.id, 'hv'), { props: [['product', c.product]], notes: [c.note], children: [vm] });
  group.children.push(node('host', `${vm.key}/hardware`, joinId(vm.id, 'hw'), { label: `${c.name} hardware under ${vm.label ?? vm.id}`, notes: ['The provider’s physical machine: not visible to its user.'], children: [hv] }));
}

/** A VM on a named hypervisor host (Proxmox node, libvirt host, ESXi host). */
export function hostedVm(roots: Map<string, ImportNode>, hostName: string, product: string, vm: ImportNode, hostNote: string): void {
  const hkey = `vmhost:${product}/${hostName}`;
  let hv = roots.get(hkey)?.children[0];
  if (!hv) {
    hv = node('hypervisor', `${hkey}/hypervisor`, joinId(hostName, product), { props: [['product', product]] });
    roots.set(hkey, node('host', hkey, slug(hostName), { label: slug(hostName) !== hostName ? hostName : undefined, notes: [hostNote], children: [hv] }));
  }
  hv.children.push(vm);
}
