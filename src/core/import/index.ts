// `strata import` as a pure function: input files (name + text) in, .strata text out, with the
// errors (located; any error means no output), what was read but not mapped, and the deployed
// workloads drift compares. The format of each file is detected from its content, so one call
// takes a mix of Kubernetes, Compose, libvirt and Terraform inputs.
import { isComposeDoc, readCompose } from './compose';
import { type Doc, loadDocuments, sniffSyntax } from './documents';
import { isKubernetesDoc, type KObject, kubernetesObjects, readKubernetes } from './kubernetes';
import { readLibvirt } from './libvirt';
import { isTerraformDoc, readTerraform } from './terraform';
import type { DeployedWorkload, ImportError, ImportLink, ImportNode, ImportOptions, SourceFile, SourceFormat, Unmapped } from './types';
import { writeStrata } from './writer';

export * from './types';
export { writeStrata, sourceText } from './writer';
export { MAX_INPUT_CHARS } from './documents';

export interface ImportResult {
  /** The .strata text; undefined when there were errors. */
  readonly text?: string;
  readonly errors: readonly ImportError[];
  readonly unmapped: readonly Unmapped[];
  readonly workloads: readonly DeployedWorkload[];
  /** The formats found, per input file name. */
  readonly formats: ReadonlyMap<string, SourceFormat>;
}

const HCL = /^\s*(resource|provider|terraform|module|variable|data)\s+("|\{)/m;

/** Reads every file, then maps them together (a RuntimeClass in one file serves pods in another). */
export function readSources(files: readonly SourceFile[], options: ImportOptions = {}): Omit<ImportResult, 'text'> & { roots: ImportNode[]; tenants: ImportNode[]; links: ImportLink[] } {
  const errors: ImportError[] = [];
  const unmapped: Unmapped[] = [];
  const workloads: DeployedWorkload[] = [];
  const roots: ImportNode[] = [];
  const tenants: ImportNode[] = [];
  const links: ImportLink[] = [];
  const formats = new Map<string, SourceFormat>();
  const vmRoots = new Map<string, ImportNode>();
  const k8s: KObject[] = [];
  for (const file of files) {
    const syntax = sniffSyntax(file.text);
    if (!/\S/.test(file.text)) {
      errors.push({ file: file.name, line: 1, message: 'The file is empty: nothing to import.' });
      continue;
    }
    if (syntax === 'xml') {
      formats.set(file.name, 'libvirt');
      const r = readLibvirt(file, vmRoots);
      errors.push(...r.errors);
      unmapped.push(...r.unmapped);
      workloads.push(...r.workloads);
      continue;
    }
    if (syntax === 'yaml' && HCL.test(file.text)) {
      errors.push({ file: file.name, line: 1, message: 'This is Terraform source (HCL). Strata imports what Terraform knows is deployed: run `terraform show -json > state.json` (or `terraform show -json PLANFILE`) and import that.' });
      continue;
    }
    const loaded = loadDocuments(file);
    errors.push(...loaded.errors);
    loaded.docs.forEach((doc: Doc, i) => {
      const v = doc.value;
      if (isKubernetesDoc(v)) {
        formats.set(file.name, 'kubernetes');
        k8s.push(...kubernetesObjects(doc, errors));
      } else if (isComposeDoc(v)) {
        formats.set(file.name, 'compose');
        const r = readCompose(doc, file.name, options);
        errors.push(...r.errors);
        unmapped.push(...r.unmapped);
        workloads.push(...r.workloads);
        roots.push(...r.roots);
        tenants.push(...r.tenants);
        links.push(...r.links);
      } else if (isTerraformDoc(v)) {
        formats.set(file.name, 'terraform');
        const r = readTerraform(doc, vmRoots);
        errors.push(...r.errors);
        unmapped.push(...r.unmapped);
        workloads.push(...r.workloads);
      } else {
        const at = doc.at([]);
        errors.push({
          file: file.name,
          line: at.line,
          message: `${loaded.docs.length > 1 ? `Document ${i + 1} is` : 'This is'} not a deployment Strata can import: it is not a Kubernetes object or List (apiVersion and kind), a Compose file (services), \`terraform show -json\` output (format_version) or libvirt domain XML.`,
        });
      }
    });
  }
  if (k8s.length > 0) {
    const r = readKubernetes(k8s, options);
    errors.push(...r.errors);
    unmapped.push(...r.unmapped);
    workloads.push(...r.workloads);
    roots.push(...r.roots);
    tenants.push(...r.tenants);
  }
  roots.push(...vmRoots.values());
  errors.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || (a.line ?? 0) - (b.line ?? 0));
  return { errors, unmapped, workloads, formats, roots, tenants, links };
}

/** Imports deployment artefacts as one .strata model. Never throws. */
export function importSources(files: readonly SourceFile[], options: ImportOptions = {}): ImportResult {
  const r = readSources(files, options);
  if (r.errors.length > 0) return { errors: r.errors, unmapped: r.unmapped, workloads: r.workloads, formats: r.formats };
  if (r.roots.length === 0 && r.tenants.length === 0) {
    return { errors: [{ file: files.map((f) => f.name).join(', ') || '(no input)', message: 'Nothing to import: the input holds no nodes, pods, workloads, services or VMs.' }], unmapped: r.unmapped, workloads: r.workloads, formats: r.formats };
  }
  const text = writeStrata({ files: files.map((f) => f.name).sort(), tenants: r.tenants, roots: r.roots, links: r.links, unmapped: r.unmapped });
  return { text, errors: [], unmapped: r.unmapped, workloads: r.workloads, formats: r.formats };
}
