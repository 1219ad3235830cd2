// The language's documentation: what each kind, property, unit and enumerated word means, as data
// with the builders that turn it into markdown. Hover and completion both read it, so an item's
// documentation and its hover agree. Pure: the schemas (model/schemas.ts) and nesting rules
// (model/nesting.ts) are the source of what is allowed; this file says what it means.
import { ALLOWED_CHILDREN, allowedParents } from '../model/nesting';
import { type CatalogKind, PROPERTIES, type PropertySpec, VALUE_TYPES, allowedWords } from '../model/schemas';
import type { Kind } from '../syntax/ast';
import { article, capitalize } from '../text/english';

/** One paragraph a kind: what it is and what it costs or shares. */
export const KIND_SUMMARY: Readonly<Record<Kind, string>> = {
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

export const CATALOGUE_NAMES: Readonly<Record<CatalogKind, string>> = {
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

/** Markdown for a key the kind does not have (or a property outside any node). */
export function unknownPropertyDoc(key: string, kind: Kind | undefined): string {
  if (!kind) return `\`${key}\` is written outside any node: properties belong inside a node's block.`;
  const known = PROPERTIES[kind].map((p) => `\`${p.key}\``);
  return `${capitalize(article(kind))} has no property \`${key}\`. Its properties: ${known.join(', ') || 'none'}.`;
}

export const UNIT_DOCS: Readonly<Record<string, string>> = {
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
