// `terraform show -json` (state or plan) → VMs. Reads the common VM resources: libvirt_domain,
// proxmox_vm_qemu and proxmox_virtual_environment_vm, vsphere_virtual_machine, aws_instance,
// azurerm_*_virtual_machine and google_compute_instance. Every other resource is counted in the
// summary by type.
import * as z from 'zod/mini';
import type { Doc, PathPart } from './documents';
import { node, prop, word } from './build';
import { slug } from './ids';
import { osId } from './os';
import { writeBytes } from './quantities';
import type { DeployedWorkload, ImportError, ImportNode, SourceRef, Unmapped } from './types';
import { validate } from './validate';
import { cloudVm, hostedVm } from './vms';

const resource = z.looseObject({ address: z.string(), mode: z.optional(z.string()), type: z.string(), name: z.string(), values: z.optional(z.nullable(z.record(z.string(), z.unknown()))) });
type Resource = z.infer<typeof resource>;
interface Module {
  resources?: unknown[];
  child_modules?: Module[];
}

/** Whether a parsed document is `terraform show -json` output. */
export function isTerraformDoc(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o.format_version === 'string' && (o.values !== undefined || o.planned_values !== undefined || o.terraform_version !== undefined);
}

export interface TerraformResult {
  unmapped: Unmapped[];
  errors: ImportError[];
  workloads: DeployedWorkload[];
}

const MiB = 1024 ** 2;
type Values = Record<string, unknown>;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined);
const strv = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const first = (v: unknown): Values | undefined => (Array.isArray(v) && typeof v[0] === 'object' && v[0] !== null ? (v[0] as Values) : undefined);

interface VmFacts {
  name: string;
  cpu?: number;
  memory?: number;
  os?: string;
  notes: string[];
  place: { cloud: string } | { host: string; product: string; note: string };
}

/** What one resource type says about its VM, or undefined for a type that is not a VM. */
const READERS: Readonly<Record<string, (v: Values, r: Resource) => VmFacts>> = {
  libvirt_domain: (v, r) => ({
    name: strv(v.name) ?? r.name,
    cpu: num(v.vcpu),
    memory: num(v.memory) !== undefined ? num(v.memory)! * MiB : undefined,
    notes: [],
    place: { host: 'libvirt-host', product: 'kvm', note: 'The machine the libvirt provider connects to: the state does not name it. Rename it, and add its os, cpu and memory.' },
  }),
  proxmox_vm_qemu: (v, r) => ({
    name: strv(v.name) ?? r.name,
    cpu: num(v.vcpus) || (num(v.cores) !== undefined ? num(v.cores)! * (num(v.sockets) ?? 1) : undefined),
    memory: num(v.memory) !== undefined ? num(v.memory)! * MiB : undefined,
    notes: strv(v.clone) ? [`Cloned from ${strv(v.clone)}`] : [],
    place: { host: strv(v.target_node) ?? 'proxmox', product: 'proxmox', note: 'A Proxmox VE node (target_node).' },
  }),
  proxmox_virtual_environment_vm: (v, r) => ({
    name: strv(v.name) ?? r.name,
    cpu: num(first(v.cpu)?.cores) !== undefined ? num(first(v.cpu)?.cores)! * (num(first(v.cpu)?.sockets) ?? 1) : undefined,
    memory: num(first(v.memory)?.dedicated) !== undefined ? num(first(v.memory)?.dedicated)! * MiB : undefined,
    notes: [],
    place: { host: strv(v.node_name) ?? 'proxmox', product: 'proxmox', note: 'A Proxmox VE node (node_name).' },
  }),
  vsphere_virtual_machine: (v, r) => ({
    name: strv(v.name) ?? r.name,
    cpu: num(v.num_cpus),
    memory: num(v.memory) !== undefined ? num(v.memory)! * MiB : undefined,
    notes: strv(v.guest_id) ? [`guest_id: ${strv(v.guest_id)}`] : [],
    os: vsphereOs(strv(v.guest_id)),
    place: { host: 'vsphere', product: 'esxi', note: 'The ESXi host(s) of the vSphere cluster: the state names them only by id.' },
  }),
  aws_instance: (v, r) => {
    const tags = (v.tags ?? {}) as Values;
    const cpuOpts = first(v.cpu_options);
    const cores = num(cpuOpts?.core_count) ?? num(v.cpu_core_count);
    const threads = num(cpuOpts?.threads_per_core) ?? num(v.cpu_threads_per_core);
    return {
      name: strv(tags.Name) ?? r.name,
      cpu: cores !== undefined ? cores * (threads ?? 1) : undefined,
      notes: [`Instance type: ${strv(v.instance_type) ?? '?'}${strv(v.ami) ? `, AMI ${strv(v.ami)}` : ''}`],
      place: { cloud: 'aws' },
    };
  },
  azurerm_linux_virtual_machine: (v, r) => azure(v, r, 'linux'),
  azurerm_windows_virtual_machine: (v, r) => azure(v, r, 'windows'),
  azurerm_virtual_machine: (v, r) => azure(v, r, undefined),
  google_compute_instance: (v, r) => {
    const image = strv(first(first(v.boot_disk)?.initialize_params)?.image);
    return { name: strv(v.name) ?? r.name, os: image ? osId(image.split('/').pop() ?? image) : undefined, notes: [`Machine type: ${strv(v.machine_type) ?? '?'}${image ? `, image ${image}` : ''}`], place: { cloud: 'gcp' } };
  },
};

function azure(v: Values, r: Resource, family: 'linux' | 'windows' | undefined): VmFacts {
  const img = first(v.source_image_reference) ?? first(v.storage_image_reference);
  const imageText = img ? `${strv(img.offer) ?? ''} ${strv(img.sku) ?? ''}`.replace(/_/g, '.') : undefined;
  let os = imageText ? osId(imageText.replace(/(\d\d)\.(\d\d)/, '$1.$2')) : undefined;
  if (os && !/^(ubuntu|debian|rhel|rocky|windows|alpine)/.test(os)) os = undefined;
  if (!os && family === 'windows') os = undefined;
  return { name: strv(v.name) ?? r.name, os, notes: [`Size: ${strv(v.size) ?? strv(v.vm_size) ?? '?'}${img ? `, image ${strv(img.publisher) ?? ''}/${strv(img.offer) ?? ''}/${strv(img.sku) ?? ''}` : ''}`], place: { cloud: 'azure' } };
}

function vsphereOs(guestId: string | undefined): string | undefined {
  if (!guestId) return undefined;
  const m = /^(ubuntu|debian(\d+)|rhel(\d+)|windows(2019|2022)srv)/i.exec(guestId);
  if (!m) return undefined;
  if (m[2]) return `debian-${m[2]}`;
  if (m[3]) return `rhel-${m[3]}`;
  if (m[4]) return `windows-server-${m[4]}`;
  return undefined;
}

export function readTerraform(doc: Doc, roots: Map<string, ImportNode>): TerraformResult {
  const out: TerraformResult = { unmapped: [], errors: [], workloads: [] };
  const top = doc.value as Record<string, unknown>;
  const base: PathPart[] = top.values !== undefined ? ['values', 'root_module'] : ['planned_values', 'root_module'];
  const rootModule = (top.values ?? top.planned_values) as { root_module?: Module } | undefined;
  const others = new Map<string, { count: number; source: SourceRef }>();
  const visit = (m: Module | undefined, path: PathPart[]) => {
    if (!m) return;
    (m.resources ?? []).forEach((raw, i) => {
      const rpath = [...path, 'resources', i];
      const v = validate(resource, raw, doc, rpath, 'Terraform resource');
      out.errors.push(...v.errors);
      if (!v.data || v.data.mode === 'data') return;
      const r = v.data;
      const source = doc.at(rpath);
      const read = Object.hasOwn(READERS, r.type) ? READERS[r.type] : undefined;
      if (!read) {
        const o = others.get(r.type);
        if (o) o.count++;
        else others.set(r.type, { count: 1, source });
        return;
      }
      const f = read(r.values ?? {}, r);
      const id = slug(f.name);
      const key = `vm:${f.name}`;
      const vm = node('vm', key, id, {
        label: id !== f.name ? f.name : undefined,
        source: { ...source, path: `${source.path ?? ''} (${r.address})` },
        notes: f.notes,
        props: [...prop('cpu', f.cpu !== undefined ? String(f.cpu) : undefined), ...prop('memory', f.memory !== undefined ? writeBytes(f.memory) : undefined), ...prop('os', f.os ? word(f.os) : undefined)],
      });
      if ('cloud' in f.place) cloudVm(roots, f.place.cloud, vm);
      else hostedVm(roots, f.place.host, f.place.product, vm, f.place.note);
      if (f.memory === undefined && 'cloud' in f.place) out.unmapped.push({ source, what: `${r.address}: memory`, why: 'set by the instance type, which Strata has no table for; add `memory:` to the VM' });
      out.workloads.push({ key, service: id, kindLabel: r.type, source, containers: [], vm: { cpu: f.cpu, memory: f.memory, os: f.os } });
    });
    (m.child_modules ?? []).forEach((c, i) => visit(c, [...path, 'child_modules', i]));
  };
  visit(rootModule?.root_module, base);
  for (const [type, o] of [...others].sort(([a], [b]) => (a < b ? -1 : 1))) {
    out.unmapped.push({ source: o.source, what: `${o.count} ${type} resource${o.count === 1 ? '' : 's'}`, why: 'not a virtual machine' });
  }
  return out;
}
