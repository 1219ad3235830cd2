// Hover: what the thing under the cursor means. Kind keywords, property keys and units get their
// documentation; catalogue values their entry with every figure and its source; a node its
// effective tenant (and where it comes from), the kernel it runs on and who else runs there, its
// share of its machine, and its findings; tenants and services who uses them. The markdown
// builders here are shared with completion, so an item's documentation and its hover agree.
import type { Analysis } from '../index';
import {
  type EngineEntry,
  type HypervisorEntry,
  type OsEntry,
  type RuntimeEntry,
  type Source,
  type Sourced,
  findEngine,
  findHypervisor,
  findOs,
  findRuntime,
  formatBytes,
  formatCpu,
  formatDuration,
  VM_BOOT_UNSOURCED,
  vmBootTime,
} from '../catalogue';
import type { ModelNode } from '../model/model';
import { ALLOWED_CHILDREN, allowedParents } from '../model/nesting';
import { allocationChildren, describeKernel, effectiveRuntime, hypervisorType, machineOf } from '../model/queries';
import { BYTE_UNITS, type CatalogKind, PROPERTIES, type PropertySpec, TIME_UNITS, VALUE_TYPES, allowedWords, propertySpec } from '../model/schemas';
import type { Kind, Span, Value } from '../syntax/ast';
import { locate } from './context';
import { article, capitalize } from '../text/english';

export interface Hover {
  /** Markdown. */
  readonly contents: string;
  /** The text the hover is about. */
  readonly span: Span;
}

/** The hover at `offset`, or undefined where there is nothing to say (whitespace, comments, braces). */
export function hover(analysis: Analysis, offset: number): Hover | undefined {
  const { hit } = locate(analysis, offset);
  if (!hit) return undefined;
  const at = (contents: string | undefined): Hover | undefined => (contents ? { contents, span: { start: hit.span.start, end: hit.span.end } } : undefined);
  switch (hit.type) {
    case 'comment':
    case 'linkLabel':
      return undefined;
    case 'kind':
      return at(kindDoc(hit.node.kind));
    case 'nodeId':
    case 'label':
      return at(hit.node.kind === 'tenant' && hit.node.id !== undefined ? tenantDoc(analysis, hit.node.id) : nodeDoc(analysis, hit.node));
    case 'extendTarget':
      if (!hit.target) return at(`No file of this project declares \`${hit.span.text}\`, so this extension adds to nothing (\`unknown-reference\`).`);
      return at(nodeDoc(analysis, hit.target));
    case 'linkEnd':
      if (!hit.target) return at(`No node has the id \`${hit.span.text}\`: this link end points nowhere (\`unknown-reference\`).`);
      return at(hit.target.kind === 'tenant' ? tenantDoc(analysis, hit.span.text) : nodeDoc(analysis, hit.target));
    case 'propertyKey': {
      const kind = hit.node?.kind;
      const spec = kind ? propertySpec(kind, hit.prop.key.text) : undefined;
      if (spec && kind) return at(propertyDoc(kind, spec));
      return at(unknownPropertyDoc(hit.prop.key.text, kind));
    }
    case 'value':
      return at(valueDoc(analysis, hit.node, hit.prop.key.text, hit.value, offset));
  }
}

// ---------------------------------------------------------------------------------------------
// Kinds, properties, units
// ---------------------------------------------------------------------------------------------

const KIND_SUMMARY: Readonly<Record<Kind, string>> = {
  group: 'A group of hosts: a site, a rack or a cluster. It has no kernel and no resources of its own.',
  host: 'A physical machine. With an `os` it has a host kernel, shared by the engines and apps that run directly on it. A host failure takes down everything on it.',
  hypervisor:
    'Runs virtual machines. Type 1 runs on the hardware and needs no host OS; type 2 runs on a host operating system. A hypervisor failure takes down all its VMs.',
  vm: 'A virtual machine: with an `os` it runs its own guest operating system and kernel, separated from its neighbours by the hypervisor. It costs a whole guest OS in memory and disk and boots in minutes.',
  engine:
    'A container engine (docker, containerd, cri-o, podman, lxc). Its containers share the kernel of the machine it runs on, unless its runtime sandboxes them (gvisor, kata, firecracker).',
  pod: 'A group of containers that share namespaces. Under kata or firecracker the whole pod gets one micro-VM kernel.',
  container:
    'A container: one app, started in milliseconds, on the kernel it shares with its neighbours. Give it a memory limit and a pinned image tag.',
  app: 'An application process. Apps directly on one OS, with no container or VM between them, are not isolated from each other.',
  tenant: 'Declares a tenant (who owns workloads) and its trust level. Workloads name it with `tenant:`, and everything inside them inherits it.',
};


/** Markdown for a kind keyword: what it is, where it may stand, what it may contain, its properties. */
export function kindDoc(kind: Kind): string {
  const parents = allowedParents(kind).map((p) => (p === 'file' ? 'the top of the file' : article(p)));
  const children = ALLOWED_CHILDREN[kind];
  const props = PROPERTIES[kind].map((p) => `\`${p.key}\``);
  return [
    `**${kind}** (node kind)`,
    '',
    KIND_SUMMARY[kind],
    '',
    `- May stand in: ${parents.join(', ') || 'nowhere'}`,
    `- May contain: ${children.length ? children.join(', ') : 'nothing'}`,
    `- Properties: ${props.length ? props.join(', ') : 'none'}`,
  ].join('\n');
}

function valueTypeLine(spec: PropertySpec): string {
  const type = VALUE_TYPES[spec.type];
  const canonical: Partial<Record<string, string>> = { bytes: 'bytes', cores: 'millicores', count: 'millicores', vcpus: 'millicores', duration: 'milliseconds' };
  const unit = canonical[spec.type];
  return `Type: ${type.describe}, e.g. \`${spec.key}: ${type.example}\`${unit ? ` (held in ${unit})` : ''}.`;
}

const CATALOGUE_NAMES: Readonly<Record<CatalogKind, string>> = {
  os: 'operating-system catalogue',
  hypervisor: 'hypervisor catalogue',
  engine: 'container-engine catalogue',
  runtime: 'container-runtime catalogue',
};

/** Markdown for a property key of a kind: its doc, type, unit and allowed values. */
export function propertyDoc(kind: Kind, spec: PropertySpec): string {
  const lines = [`**${spec.key}** (property of ${article(kind)})`, '', spec.doc, '', valueTypeLine(spec)];
  const words = allowedWords(spec);
  if (words.length) lines.push(`Values: ${words.map((w) => `\`${w}\``).join(', ')}.`);
  if (spec.catalog) lines.push(`Values come from the ${CATALOGUE_NAMES[spec.catalog]}.`);
  if (spec.key === 'tenant' || spec.key === 'service') lines.push('Inherited by everything inside this node unless it sets its own.');
  return lines.join('\n');
}

function unknownPropertyDoc(key: string, kind: Kind | undefined): string {
  if (!kind) return `\`${key}\` is written outside any node: properties belong inside a node's block.`;
  const known = PROPERTIES[kind].map((p) => `\`${p.key}\``);
  return `${capitalize(article(kind))} has no property \`${key}\`. Its properties: ${known.join(', ') || 'none'}.`;
}

const UNIT_DOCS: Readonly<Record<string, string>> = {
  B: 'byte',
  KB: 'kilobyte: 1,000 bytes (decimal)',
  MB: 'megabyte: 1,000,000 bytes (decimal)',
  GB: 'gigabyte: 10⁹ bytes (decimal)',
  TB: 'terabyte: 10¹² bytes (decimal)',
  KiB: 'kibibyte: 1,024 bytes (binary)',
  MiB: 'mebibyte: 1,048,576 bytes (binary)',
  GiB: 'gibibyte: 1,073,741,824 bytes (binary)',
  TiB: 'tebibyte: 1,099,511,627,776 bytes (binary)',
  m: 'millicore: a thousandth of a CPU core (`500m` = half a core)',
  ms: 'millisecond',
  s: 'second: 1,000 ms',
  min: 'minute: 60 s',
};

/** The units a quantity of a property type may take, in the order they are offered. */
export function unitsFor(type: PropertySpec['type']): readonly string[] {
  switch (type) {
    case 'bytes':
      return ['MiB', 'GiB', 'TiB', 'KiB', 'B', 'KB', 'MB', 'GB', 'TB'];
    case 'duration':
      return ['ms', 's', 'min'];
    case 'cores':
      return ['m'];
    default:
      return [];
  }
}

/** Markdown for a unit, e.g. `GiB`. */
export function unitDoc(unit: string): string | undefined {
  const doc = UNIT_DOCS[unit];
  return doc ? `**${unit}**: ${doc}.` : undefined;
}

/** "1,048,576" */
export function groupDigits(n: number): string {
  const [int, frac] = String(n).split('.');
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return frac ? `${grouped}.${frac}` : grouped;
}

// ---------------------------------------------------------------------------------------------
// Catalogue entries
// ---------------------------------------------------------------------------------------------

const round2 = (n: number) => String(Math.round(n * 100) / 100);

/** Bytes the way a source states them: binary units for binary multiples, else decimal. */
export function bytesText(v: number): string {
  if (v % 1024 ** 2 === 0 || v < 1000) return formatBytes(v);
  if (v >= 1e12) return `${round2(v / 1e12)} TB`;
  if (v >= 1e9) return `${round2(v / 1e9)} GB`;
  if (v >= 1e6) return `${round2(v / 1e6)} MB`;
  return `${round2(v / 1e3)} KB`;
}

function sourceText(source: Source): string {
  const title = source.url ? `[${source.title}](${source.url})` : `*${source.title}*`;
  return `${title} (${source.publisher}${source.thirdParty ? ', third party' : ''})`;
}

function shortNote(note: string | undefined): string {
  if (!note) return '';
  return ` ${note.length > 180 ? note.slice(0, 177).trimEnd() + '…' : note}`;
}

/** One line for a sourced figure: "- Minimum memory: **2 GiB**. Source: *title* (publisher)." */
function figure(label: string, sourced: Sourced | undefined, format: (v: number) => string): string | undefined {
  if (!sourced) return undefined;
  const est = sourced.estimate ? ' (estimate)' : '';
  return `- ${label}: **${format(sourced.value)}**${est}. Source: ${sourceText(sourced.source)}.${shortNote(sourced.note)}`;
}

function osDoc(e: OsEntry): string {
  const lines = [`**${e.name}** (\`${e.id}\`, ${e.family})`, '', e.summary, ''];
  for (const l of [
    figure('Minimum memory', e.minMemory, bytesText),
    figure('Recommended memory', e.recommendedMemory, bytesText),
    figure('Minimum disk', e.minDisk, bytesText),
    figure('Recommended disk', e.recommendedDisk, bytesText),
    figure('Installed size', e.installSize, bytesText),
  ]) {
    if (l) lines.push(l);
  }
  if (!e.minMemory && !e.minDisk && !e.installSize) lines.push('- No sourced footprint figures.');
  return lines.join('\n');
}

function hypervisorDoc(e: HypervisorEntry): string {
  const lines = [
    `**${e.name}** (\`${e.id}\`, type ${e.type})`,
    '',
    e.summary,
    '',
    `- Type ${e.type}: ${e.type === 1 ? 'runs on the hardware, needs no host OS' : 'runs on a host operating system'}. Source: ${sourceText(e.typeSource)}.`,
  ];
  if (e.typeNote) lines.push(`- ${e.typeNote}`);
  const overhead = figure('Memory overhead per VM', e.vmOverhead, bytesText);
  if (overhead) lines.push(overhead);
  const boot = vmBootTime(e.id, 'linux');
  lines.push(boot ? figure(`VM boot (${boot.bound === 'max' ? 'at most' : 'about'})`, boot.figure, formatDuration)! : `- VM boot: unsourced. ${VM_BOOT_UNSOURCED}`);
  return lines.join('\n');
}

function engineDoc(e: EngineEntry): string {
  const lines = [`**${e.name}** (\`${e.id}\`, container engine)`, '', e.summary, '', `- Default runtime: \`${e.defaultRuntime}\`. Source: ${sourceText(e.source)}.`];
  if (e.defaultRuntimeNote) lines.push(`- ${e.defaultRuntimeNote}`);
  return lines.join('\n');
}

const ISOLATION_TEXT: Readonly<Record<RuntimeEntry['isolation'], string>> = {
  'shared-kernel': 'shared kernel: namespaces and cgroups on the kernel of the machine',
  'user-space-kernel': 'user-space kernel: each pod (or lone container) gets its own gVisor kernel',
  'micro-vm': 'micro-VM: each pod (or lone container) gets its own guest kernel',
  'utility-vm': 'Hyper-V isolation: each Windows container gets its own utility VM and kernel',
};

/** "shared kernel", "user-space kernel", "micro-VM". */
export function isolationName(isolation: RuntimeEntry['isolation']): string {
  return ISOLATION_TEXT[isolation].split(':')[0];
}

function runtimeDoc(e: RuntimeEntry): string {
  const lines = [
    `**${e.name}** (\`${e.id}\`, container runtime)`,
    '',
    e.summary,
    '',
    `- Isolation: ${ISOLATION_TEXT[e.isolation]}. Source: ${sourceText(e.isolationSource)}.`,
  ];
  for (const l of [figure('Start time per container', e.startTime, formatDuration), figure('Memory overhead', e.memoryOverhead, bytesText)]) {
    if (l) lines.push(l);
  }
  return lines.join('\n');
}

/** Markdown for a catalogue id, or undefined when the catalogue does not know it. */
export function catalogueDoc(catalog: CatalogKind, id: string): string | undefined {
  switch (catalog) {
    case 'os': {
      const e = findOs(id);
      return e && osDoc(e);
    }
    case 'hypervisor': {
      const e = findHypervisor(id);
      return e && hypervisorDoc(e);
    }
    case 'engine': {
      const e = findEngine(id);
      return e && engineDoc(e);
    }
    case 'runtime': {
      const e = findRuntime(id);
      return e && runtimeDoc(e);
    }
  }
}

/** One-line detail for a catalogue id: "Ubuntu 22.04 LTS · linux", "VMware ESXi · type 1". */
export function catalogueDetail(catalog: CatalogKind, id: string): string | undefined {
  switch (catalog) {
    case 'os': {
      const e = findOs(id);
      return e && `${e.name} · ${e.family}`;
    }
    case 'hypervisor': {
      const e = findHypervisor(id);
      return e && `${e.name} · type ${e.type}`;
    }
    case 'engine': {
      const e = findEngine(id);
      return e && `${e.name} · default runtime ${e.defaultRuntime}`;
    }
    case 'runtime': {
      const e = findRuntime(id);
      return e && `${e.name} · ${isolationName(e.isolation)}`;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

/** What each enumerated word means, for hover and completion. */
export const WORD_MEANINGS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  network: {
    bridge: 'its own network namespace behind a bridge (the default)',
    host: "shares the host's network namespace: no network isolation (`host-namespace`)",
    none: 'no network at all',
  },
  pid: {
    private: 'its own PID namespace (the default)',
    host: 'sees every process on its kernel (`host-namespace`)',
  },
  trust: {
    public: 'anyone may run workloads here',
    internal: 'the organisation’s own workloads',
    restricted: 'sensitive workloads that should not share a kernel with others',
  },
  privileged: {
    true: 'all capabilities and host devices: a container escape is easy (`privileged-container`)',
    false: 'the default capability set',
  },
  type: {
    '1': 'runs on the hardware; needs no host OS',
    '2': 'runs on a host operating system (`type2-without-host-os` when the host has none)',
  },
};

function valueDoc(analysis: Analysis, node: ModelNode | undefined, key: string, value: Value, offset: number): string | undefined {
  const spec = node ? propertySpec(node.kind, key) : undefined;
  if (key === 'tenant' && value.type === 'word') return tenantDoc(analysis, value.value);
  if (key === 'service' && value.type === 'word') return serviceDoc(analysis, value.value);
  if (!spec || !node) return undefined;
  if (spec.catalog && (value.type === 'word' || value.type === 'string')) {
    return catalogueDoc(spec.catalog, value.value) ?? `\`${value.value}\` is not in the ${CATALOGUE_NAMES[spec.catalog]} (\`unknown-catalog-value\`).`;
  }
  if (value.type === 'quantity') {
    const unitStart = value.end - value.unit.length;
    const table = spec.type === 'bytes' ? BYTE_UNITS : spec.type === 'duration' ? TIME_UNITS : undefined;
    const lines: string[] = [];
    if (table && value.unit in table) {
      const canonical = value.value * table[value.unit];
      lines.push(spec.type === 'bytes' ? `\`${value.value}${value.unit}\` = ${groupDigits(canonical)} bytes (${formatBytes(canonical)})` : `\`${value.value}${value.unit}\` = ${formatDuration(canonical)}`);
    } else if (spec.type === 'cores' && value.unit === 'm') lines.push(`\`${value.value}m\` = ${formatCpu(value.value)} cores`);
    const unit = unitDoc(value.unit);
    if (unit && offset >= unitStart) lines.push('', unit);
    lines.push('', propertyDoc(node.kind, spec));
    return lines.join('\n');
  }
  const word = value.type === 'word' || value.type === 'number' || value.type === 'boolean' ? String(value.value) : undefined;
  const meaning = word !== undefined ? WORD_MEANINGS[key]?.[word] : undefined;
  if (meaning) return `\`${key}: ${word}\`: ${meaning}.\n\n${propertyDoc(node.kind, spec)}`;
  return propertyDoc(node.kind, spec);
}

// ---------------------------------------------------------------------------------------------
// Nodes, tenants, services
// ---------------------------------------------------------------------------------------------

const code = (s: string | undefined) => `\`${s ?? '?'}\``;
const nodeRef = (n: ModelNode) => `${n.kind} ${code(n.id)}`;
const MAX_LISTED = 5;

function listIds(nodes: readonly ModelNode[]): string {
  const shown = nodes.slice(0, MAX_LISTED).map((n) => code(n.id));
  return nodes.length > MAX_LISTED ? `${shown.join(', ')} and ${nodes.length - MAX_LISTED} more` : shown.join(', ');
}

function isInside(node: ModelNode, ancestor: ModelNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}

function percent(part: number, whole: number): string {
  const p = (part / whole) * 100;
  return `${p >= 10 ? Math.round(p) : Math.round(p * 10) / 10} %`;
}

function cpuText(millicores: number): string {
  return formatCpu(millicores);
}

function tenantsOf(nodes: readonly ModelNode[]): string[] {
  return [...new Set(nodes.map((n) => n.tenant).filter((t): t is string => t !== undefined))];
}

/** A short markdown summary of a node (for completion items): where it is, tenant, kernel. */
export function nodeSummary(node: ModelNode): string {
  const lines = [`**${node.kind}** ${code(node.id)}${node.label !== undefined ? ` "${node.label}"` : ''}`, ''];
  const path: string[] = [];
  for (let p = node.parent; p && path.length < 4; p = p.parent) path.push(nodeRef(p));
  if (path.length) lines.push(`- In ${path.join(' in ')}`);
  if (node.tenant !== undefined) lines.push(`- Tenant: ${code(node.tenant)}`);
  if (node.kernel) lines.push(`- Kernel: ${describeKernel(node.kernel).replace(/'([^']*)'/g, '`$1`')}`);
  return lines.join('\n');
}

/** Markdown for a node: tenant, service, kernel and its neighbours, allocation, findings. */
export function nodeDoc(analysis: Analysis, node: ModelNode): string {
  const head = `**${node.kind}** ${code(node.id)}${node.label !== undefined ? ` "${node.label}"` : ''}`;
  const lines: string[] = [head, ''];
  const props = node.props;

  // What it is made of.
  if (node.kind === 'host' || node.kind === 'vm' || node.kind === 'container') {
    if (props.os) lines.push(`- OS: ${code(props.os)}${findOs(props.os) ? ` (${findOs(props.os)!.name}, ${findOs(props.os)!.family})` : ' (not in the catalogue)'}`);
  }
  if (node.kind === 'hypervisor') {
    const type = hypervisorType(node);
    const from = props.type !== undefined ? 'set here' : props.product ? `from ${code(props.product)}` : '';
    lines.push(`- Type: ${type ?? 'unknown'}${from ? ` (${from})` : ''}; runs ${node.children.filter((c) => c.kind === 'vm').length} VM(s)`);
  }
  if (node.kind === 'engine' || node.kind === 'pod' || node.kind === 'container') {
    const runtime = effectiveRuntime(node);
    const entry = findRuntime(runtime);
    lines.push(`- Runtime: ${code(runtime)}${entry ? ` (${isolationName(entry.isolation)})` : ''}`);
  }

  // Tenant and service.
  if (node.kind !== 'tenant' && node.kind !== 'group' && node.kind !== 'hypervisor') {
    if (node.tenant === undefined) lines.push('- Tenant: none');
    else {
      const from = node.tenantFrom === node || !node.tenantFrom ? 'set here' : `inherited from ${nodeRef(node.tenantFrom)}`;
      const trust = analysis.model.tenants.get(node.tenant)?.node.props.trust;
      lines.push(`- Tenant: ${code(node.tenant)} (${from}${trust ? `; trust ${trust}` : ''})`);
    }
    if (node.service !== undefined) lines.push(`- Service: ${code(node.service)}${props.service === undefined ? ' (inherited)' : ''}`);
  }

  // Kernel.
  const kernel = node.kernel;
  if (kernel) {
    const family = kernel.family ? `, ${kernel.family}` : '';
    lines.push(`- Kernel: ${describeKernel(kernel).replace(/'([^']*)'/g, '`$1`')}${family}`);
    const machine = node.kind === 'host' || node.kind === 'vm';
    // A machine lists what runs on its kernel; a workload the others beside it (not its own apps).
    const others = kernel.workloads.filter((w) => w !== node && w.kind !== 'engine' && (machine || !isInside(w, node)));
    if (machine) {
      lines.push(others.length ? `- Runs on this kernel: ${others.length} workload(s): ${listIds(others)}` : '- Runs on this kernel: nothing yet');
    } else if (others.length) {
      lines.push(`- Shares the kernel with ${others.length} other workload(s): ${listIds(others)}`);
    } else lines.push('- Shares the kernel with no other workload');
    const tenants = tenantsOf(others);
    if (tenants.length) lines.push(`- Tenants on this kernel: ${tenants.map(code).join(', ')}${node.tenant !== undefined && tenants.some((t) => t !== node.tenant) ? ' (more than one tenant shares it)' : ''}`);
  } else if (node.kind === 'host' || node.kind === 'vm') {
    lines.push('- Kernel: none (no `os` set)');
  } else if (node.kind === 'engine' || node.kind === 'pod' || node.kind === 'container' || node.kind === 'app') {
    lines.push('- Kernel: unknown (the machine it runs on has no `os`)');
  }

  // Allocation against the machine it runs on.
  const machine = machineOf(node);
  if (machine && (node.kind === 'vm' || node.kind === 'container' || node.kind === 'app')) {
    const parts: string[] = [];
    if (props.cpu !== undefined) parts.push(machine.props.cpu ? `cpu ${cpuText(props.cpu)} of ${cpuText(machine.props.cpu)} (${percent(props.cpu, machine.props.cpu)})` : `cpu ${cpuText(props.cpu)}`);
    if (props.memory !== undefined) parts.push(machine.props.memory ? `memory ${formatBytes(props.memory)} of ${formatBytes(machine.props.memory)} (${percent(props.memory, machine.props.memory)})` : `memory ${formatBytes(props.memory)}`);
    lines.push(parts.length ? `- Allocation on ${nodeRef(machine)}: ${parts.join(' · ')}` : `- Allocation on ${nodeRef(machine)}: no cpu or memory set`);
  }
  if (node.kind === 'host' || node.kind === 'vm') {
    const children = allocationChildren(node);
    const cap: string[] = [];
    if (props.cpu !== undefined) cap.push(`cpu ${cpuText(props.cpu)}`);
    if (props.memory !== undefined) cap.push(`memory ${formatBytes(props.memory)}`);
    if (props.disk !== undefined) cap.push(`disk ${formatBytes(props.disk)}`);
    if (cap.length) lines.push(`- Capacity: ${cap.join(' · ')}`);
    if (children.length) {
      let cpu = 0;
      let memory = 0;
      let noMemory = 0;
      for (const c of children) {
        cpu += c.props.cpu ?? 0;
        if (c.props.memory === undefined) noMemory++;
        else memory += c.props.memory;
      }
      const used = [
        `cpu ${cpuText(cpu)}${props.cpu ? ` (${percent(cpu, props.cpu)})` : ''}`,
        `memory ${formatBytes(memory)}${props.memory ? ` (${percent(memory, props.memory)})` : ''}`,
      ];
      lines.push(`- Allocated to ${children.length} workload(s): ${used.join(' · ')}${noMemory ? `; ${noMemory} without a memory size` : ''}`);
    }
  }

  // Findings.
  if (node.id !== undefined) {
    const findings = analysis.findings.filter((f) => f.nodeId === node.id);
    if (findings.length) {
      const rules = [...new Set(findings.map((f) => f.rule))];
      lines.push(`- Findings: ${findings.length} (${rules.map(code).join(', ')})`);
    } else lines.push('- Findings: none');
  }
  return lines.join('\n');
}

/** Markdown for a tenant (declared or only used): its trust level and who belongs to it. */
export function tenantDoc(analysis: Analysis, name: string): string {
  const declared = analysis.model.tenants.get(name)?.node;
  const lines = [`**tenant** ${code(name)}${declared?.label !== undefined ? ` "${declared.label}"` : ''}`, ''];
  if (declared) {
    const line = analysis.lines.positionAt(declared.decl.start).line + 1;
    lines.push(`- Declared on line ${line}${declared.props.trust ? `; trust ${code(declared.props.trust)}${WORD_MEANINGS.trust[declared.props.trust] ? ` (${WORD_MEANINGS.trust[declared.props.trust]})` : ''}` : '; no trust level set'}`);
  } else lines.push('- Not declared (declare it with `tenant ' + name + ' { trust: internal }` to document its trust level)');
  const direct: ModelNode[] = [];
  const workloads: ModelNode[] = [];
  const kernels = new Set<string>();
  for (const n of analysis.model.nodes) {
    if (n.props.tenant === name) direct.push(n);
    if (n.tenant === name && (n.kind === 'container' || n.kind === 'app' || n.kind === 'vm' || n.kind === 'pod')) {
      workloads.push(n);
      if (n.kernel) kernels.add(n.kernel.key);
    }
  }
  lines.push(`- Set on ${direct.length} node(s)${direct.length ? `: ${listIds(direct)}` : ''}`);
  lines.push(`- ${workloads.length} workload(s) belong to it (inherited included), on ${kernels.size} kernel(s)`);
  return lines.join('\n');
}

/** Markdown for a service: its instances and the hosts they run on. */
export function serviceDoc(analysis: Analysis, name: string): string {
  return serviceDocOf(name, analysis.model.nodes.filter((n) => n.props.service === name));
}

/** Markdown for a service whose instances (the nodes that set it) are known. */
export function serviceDocOf(name: string, instances: readonly ModelNode[]): string {
  const hosts = new Set<string>();
  for (const n of instances) {
    let h: ModelNode | undefined = n;
    while (h && h.kind !== 'host') h = h.parent;
    if (h?.id) hosts.add(h.id);
  }
  return [
    `**service** ${code(name)}`,
    '',
    `- ${instances.length} instance(s)${instances.length ? `: ${listIds(instances)}` : ''}`,
    `- On ${hosts.size} physical host(s)${hosts.size ? `: ${[...hosts].slice(0, MAX_LISTED).map(code).join(', ')}` : ''}${instances.length > 1 && hosts.size === 1 ? ' — one host failure takes down every instance' : ''}`,
  ].join('\n');
}
