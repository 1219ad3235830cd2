// Documentation of catalogue entries (operating systems, hypervisors, engines, runtimes): every
// figure with its source, for hover and completion. The figures themselves live in catalogue/.
import type { CatalogKind } from '../model/schemas';
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
  formatDuration,
  VM_BOOT_UNSOURCED,
  vmBootTime,
} from '../catalogue';

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

export const ISOLATION_TEXT: Readonly<Record<RuntimeEntry['isolation'], string>> = {
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
