// libvirt domain XML (`virsh dumpxml NAME`) → a VM on a KVM (or QEMU, Xen) hypervisor. The XML is
// parsed with fast-xml-parser; its validator gives located errors for malformed input.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { node, prop, word } from './build';
import { slug } from './ids';
import { osId } from './os';
import { writeBytes } from './quantities';
import type { DeployedWorkload, ImportError, ImportNode, SourceFile, SourceRef, Unmapped } from './types';
import { hostedVm } from './vms';

const UNITS: Readonly<Record<string, number>> = { b: 1, bytes: 1, k: 1024, kib: 1024, kb: 1000, m: 1024 ** 2, mib: 1024 ** 2, mb: 1e6, g: 1024 ** 3, gib: 1024 ** 3, gb: 1e9, t: 1024 ** 4, tib: 1024 ** 4, tb: 1e12 };
const PRODUCTS: Readonly<Record<string, string>> = { kvm: 'kvm', qemu: 'qemu', xen: 'xen', hvf: 'qemu', vmware: 'esxi', hyperv: 'hyper-v' };

export interface LibvirtResult {
  roots: ImportNode[];
  unmapped: Unmapped[];
  errors: ImportError[];
  workloads: DeployedWorkload[];
}

type El = Record<string, unknown>;
const text = (v: unknown): string | undefined => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : typeof v === 'object' && v !== null ? text((v as El)['#text']) : undefined);

export function readLibvirt(file: SourceFile, roots: Map<string, ImportNode>): LibvirtResult {
  const out: LibvirtResult = { roots: [], unmapped: [], errors: [], workloads: [] };
  const valid = XMLValidator.validate(file.text);
  if (valid !== true) {
    out.errors.push({ file: file.name, line: valid.err.line, message: `Not valid XML: ${valid.err.msg}` });
    return out;
  }
  const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: false, parseTagValue: false, processEntities: true }).parse(file.text) as El;
  const rootName = Object.keys(parsed).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (rootName !== 'domain') {
    out.errors.push({ file: file.name, line: 1, message: `This XML is not a libvirt domain (its root element is <${rootName ?? '?'}>): Strata imports the output of \`virsh dumpxml NAME\`.` });
    return out;
  }
  const d = parsed.domain as El;
  const name = text(d.name);
  const line = lineOfRoot(file.text);
  const source: SourceRef = { file: file.name, line, path: 'domain' };
  if (!name) {
    out.errors.push({ file: file.name, line, message: 'The libvirt domain has no <name>.' });
    return out;
  }
  const type = String(d['@type'] ?? 'kvm');
  if (type === 'lxc') {
    out.unmapped.push({ source, what: `libvirt domain ${name} (type lxc)`, why: 'an LXC container, not a VM: model it as an engine with product lxc' });
    return out;
  }
  const memory = bytes(d.memory);
  const vcpu = Number(text(d.vcpu));
  const osInfo = findLibosinfo(d.metadata);
  const notes: string[] = [];
  const title = text(d.title);
  if (title) notes.push(`Title: ${title}`);
  if (osInfo) notes.push(`libosinfo: ${osInfo}`);
  const os = osInfo ? osId(osInfo.replace(/^https?:\/\/[^/]+\//, '').replace(/\//g, ' ')) : undefined;
  if (!os) out.unmapped.push({ source, what: `libvirt domain ${name}: guest OS`, why: 'the domain XML names no libosinfo OS; add `os:` to the VM' });
  const id = slug(name);
  const vm = node('vm', `vm:${name}`, id, {
    label: id !== name ? name : undefined,
    source,
    notes,
    props: [...prop('cpu', Number.isFinite(vcpu) && vcpu > 0 ? String(vcpu) : undefined), ...prop('memory', memory !== undefined ? writeBytes(memory) : undefined), ...prop('os', os ? word(os) : undefined)],
  });
  const product = PRODUCTS[type] ?? 'kvm';
  hostedVm(roots, 'libvirt-host', product, vm, 'The machine running libvirtd: domain XML does not name it. Rename it, and add its os, cpu and memory.');
  out.workloads.push({ key: `vm:${name}`, service: id, kindLabel: 'libvirt domain', source, containers: [], vm: { cpu: Number.isFinite(vcpu) ? vcpu : undefined, memory, os } });
  return out;
}

function bytes(v: unknown): number | undefined {
  const n = Number(text(v));
  if (!Number.isFinite(n)) return undefined;
  const unit = typeof v === 'object' && v !== null ? String((v as El)['@unit'] ?? 'KiB').toLowerCase() : 'kib';
  return UNITS[unit] !== undefined ? Math.round(n * UNITS[unit]) : undefined;
}

function findLibosinfo(metadata: unknown): string | undefined {
  if (typeof metadata !== 'object' || metadata === null) return undefined;
  for (const [k, v] of Object.entries(metadata as El)) {
    if (!k.endsWith('libosinfo') || typeof v !== 'object' || v === null) continue;
    for (const [k2, v2] of Object.entries(v as El)) if (k2.endsWith(':os') && typeof v2 === 'object' && v2 !== null) return String((v2 as El)['@id'] ?? '');
  }
  return undefined;
}

/** The line of the root element (for the source comment; the XML itself was parsed above). */
function lineOfRoot(xml: string): number {
  const i = xml.indexOf('<domain');
  if (i < 0) return 1;
  let line = 1;
  for (let j = xml.indexOf('\n'); j >= 0 && j < i; j = xml.indexOf('\n', j + 1)) line++;
  return line;
}
