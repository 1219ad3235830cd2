// Compares a model with what is deployed (the workloads `strata import` reads from the sources):
// each workload deployed but not modelled, modelled but not deployed, or different (image, tag,
// memory or CPU limit, privileged, host namespaces, runtime, replicas, placement). Workloads are
// matched by stable keys: a modelled `service:` equal to the service the importer gives the
// workload (`namespace-name`, `project-service`) or to its bare name, and a VM by its id.
import type { RelatedInfo, TextEdit } from '../diagnostics';
import { insertProperty, replace } from '../checks/edits';
import type { Model, ModelNode } from '../model/model';
import type { DeployedContainer, DeployedWorkload, SourceRef } from '../import/types';
import { slug } from '../import/ids';
import { writeBytes, writeCores } from '../import/quantities';
import type { Span } from '../syntax/ast';

/** What the model is checked against: the deployed workloads read from the sources. */
export interface Deployment {
  readonly workloads: readonly DeployedWorkload[];
  /** The source files read, as named to the user. */
  readonly files: readonly string[];
}

export interface DriftItem {
  readonly node?: ModelNode;
  readonly span: Span;
  readonly message: string;
  readonly related: readonly RelatedInfo[];
  readonly edits?: readonly TextEdit[];
  readonly fixTitle?: string;
}

const at = (s: SourceRef, message: string): RelatedInfo => ({ span: { start: 0, end: 0 }, message, file: s.file, ...(s.line !== undefined ? { line: s.line } : {}) });
const where = (s: SourceRef) => `${s.file}${s.line !== undefined ? `:${s.line}` : ''}`;
const nameOf = (w: DeployedWorkload) => w.key.replace(/^[a-z0-9]+:/, '');
const spanOf = (n: ModelNode): Span => n.decl.id ?? n.decl.kindSpan;

/** The instances of each service: nodes that set `service:` themselves (pods, containers, VMs). */
function instancesByService(model: Model): Map<string, ModelNode[]> {
  const out = new Map<string, ModelNode[]>();
  for (const n of model.nodes) {
    if (n.kind !== 'pod' && n.kind !== 'container' && n.kind !== 'vm') continue;
    if (!n.propDecls.has('service') || !n.service) continue;
    // A container inside a pod of the same service is part of that instance.
    if (n.kind === 'container' && n.parent?.kind === 'pod' && n.parent.service === n.service) continue;
    let list = out.get(n.service);
    if (!list) out.set(n.service, (list = []));
    list.push(n);
  }
  return out;
}

function ancestor(n: ModelNode, kinds: readonly string[]): ModelNode | undefined {
  for (let p = n.parent; p; p = p.parent) if (kinds.includes(p.kind)) return p;
  return undefined;
}

/** The modelled container for a deployed one, in one instance (a pod, or the container itself). */
function containerIn(instance: ModelNode, c: DeployedContainer, only: boolean): ModelNode | undefined {
  if (instance.kind === 'container') return instance;
  const kids = instance.children.filter((k) => k.kind === 'container');
  const id = (k: ModelNode) => k.id ?? '';
  return kids.find((k) => id(k) === c.name || id(k).endsWith(`-${slug(c.name)}`)) ?? (only && kids.length === 1 ? kids[0] : undefined);
}

function propEdit(textOf: (node: ModelNode) => string, node: ModelNode, key: string, value: string): TextEdit | undefined {
  const decl = node.propDecls.get(key as never) as { value?: { start: number; end: number } } | undefined;
  if (decl?.value) return replace(decl.value, value);
  return insertProperty(textOf(node), node, key, value);
}

/**
 * What differs between the model and the deployment. `textOf` gives the text of the file a node is
 * declared in (a project has several): a fix's edits are offsets of that file.
 */
export function compareWithDeployment(model: Model, textOf: (node: ModelNode) => string, deployment: Deployment): DriftItem[] {
  const items: DriftItem[] = [];
  const services = instancesByService(model);
  const vms = new Map(model.nodes.filter((n) => n.kind === 'vm' && n.id).map((n) => [n.id!, n]));
  const matched = new Set<ModelNode>();
  const firstNode = model.roots[0];
  const top: Span = firstNode ? spanOf(firstNode) : { start: 0, end: 0 };
  const hasContainers = deployment.workloads.some((w) => !w.vm);
  const hasVms = deployment.workloads.some((w) => w.vm);

  for (const w of [...deployment.workloads].sort((a, b) => (a.key < b.key ? -1 : 1))) {
    const source = at(w.source, `${w.kindLabel} ${nameOf(w)} in the deployment`);
    if (w.vm) {
      const vm = vms.get(w.service) ?? services.get(w.service)?.find((n) => n.kind === 'vm');
      if (!vm) {
        items.push({ span: top, message: `VM '${nameOf(w)}' is deployed (${w.kindLabel}, ${where(w.source)}) but not in the model. Add it, or import the source again.`, related: [source] });
        continue;
      }
      matched.add(vm);
      const diffs: string[] = [];
      const edits: TextEdit[] = [];
      const cmp = (key: 'cpu' | 'memory', deployed: number | undefined, write: (n: number) => string) => {
        const modelled = modelNumber(vm, key);
        if (deployed === undefined || modelled === deployed) return;
        diffs.push(`${key} ${modelled === undefined ? 'unset' : write(modelled)} in the model, ${write(deployed)} deployed`);
        const e = propEdit(textOf, vm, key, write(deployed));
        if (e) edits.push(e);
      };
      cmp('cpu', w.vm.cpu, (n) => String(n));
      cmp('memory', w.vm.memory, writeBytes);
      if (w.vm.os && vm.props.os !== undefined && vm.props.os !== w.vm.os) diffs.push(`os ${String(vm.props.os)} in the model, ${w.vm.os} deployed`);
      if (diffs.length) items.push({ node: vm, span: spanOf(vm), message: `VM '${vm.id}' differs from the deployment: ${diffs.join('; ')}.`, related: [source], edits, fixTitle: 'Update the model from the deployment' });
      continue;
    }
    const bare = slug(nameOf(w).split('/').pop() ?? '');
    const instances = services.get(w.service) ?? services.get(bare);
    if (!instances || instances.length === 0) {
      items.push({ span: top, message: `${w.kindLabel} ${nameOf(w)} is deployed (${where(w.source)}) but not in the model: no pod or container has 'service: ${w.service}'. Add it, or import the source again.`, related: [source] });
      continue;
    }
    for (const i of instances) matched.add(i);
    const first = instances[0];
    const service = first.service ?? w.service;
    const diffs: string[] = [];
    const edits: TextEdit[] = [];
    if (w.replicas !== undefined && instances.length !== w.replicas) diffs.push(`${instances.length} ${instances.length === 1 ? 'instance' : 'instances'} in the model, ${w.replicas} deployed`);
    const engine = ancestor(first, ['engine']);
    const runtime = (engine?.props.runtime as string | undefined) ?? 'runc';
    if (w.runtime && runtime !== w.runtime) diffs.push(`runtime ${runtime} in the model, ${w.runtime} deployed`);
    if (w.placement) {
      const modelled = [...new Set(instances.map((i) => ancestor(i, ['vm', 'host'])?.id ?? '?'))].sort();
      const deployed = [...new Set(w.placement)].sort();
      if (modelled.join(',') !== deployed.join(',')) diffs.push(`placed on ${modelled.join(', ')} in the model, on ${deployed.join(', ')} deployed`);
    }
    for (const c of w.containers) {
      const m = containerIn(first, c, w.containers.length === 1);
      if (!m) {
        diffs.push(`container ${c.name} is deployed but not modelled`);
        continue;
      }
      const label = w.containers.length > 1 || first.kind === 'pod' ? `container ${m.id}: ` : '';
      const image = m.props.image as string | undefined;
      if (c.image !== undefined && image !== c.image) {
        const [mRepo, mTag] = splitImage(image);
        const [dRepo, dTag] = splitImage(c.image);
        diffs.push(image !== undefined && mRepo === dRepo ? `${label}image tag ${mTag ?? '(none)'} in the model, ${dTag ?? '(none)'} deployed` : `${label}image ${image ?? 'unset'} in the model, ${c.image} deployed`);
        const e = propEdit(textOf, m, 'image', JSON.stringify(c.image));
        if (e) edits.push(e);
      }
      const num = (key: 'memory' | 'cpu', deployed: number | undefined, write: (n: number) => string, what: string) => {
        const modelled = modelNumber(m, key);
        if (modelled === deployed || (deployed !== undefined && modelled !== undefined && Math.abs(modelled - deployed) < 1e-9)) return;
        diffs.push(`${label}${what} ${modelled === undefined ? 'unset' : write(modelled)} in the model, ${deployed === undefined ? 'none' : write(deployed)} deployed`);
        if (deployed !== undefined) {
          const e = propEdit(textOf, m, key, write(deployed));
          if (e) edits.push(e);
        }
      };
      num('memory', c.memory, writeBytes, 'memory limit');
      num('cpu', c.cpu, writeCores, 'CPU limit');
      const flag = (key: 'privileged' | 'network' | 'pid', modelled: boolean, deployed: boolean, what: string, value: string) => {
        if (modelled === deployed) return;
        diffs.push(`${label}${what} ${modelled ? 'on' : 'off'} in the model, ${deployed ? 'on' : 'off'} deployed`);
        if (deployed) {
          const e = propEdit(textOf, m, key, value);
          if (e) edits.push(e);
        }
      };
      flag('privileged', m.props.privileged === true, c.privileged === true, 'privileged', 'true');
      flag('network', m.props.network === 'host', c.network === 'host', 'host network', 'host');
      flag('pid', m.props.pid === 'host', c.pid === 'host', 'host PID namespace', 'host');
    }
    if (diffs.length) {
      items.push({
        node: first,
        span: spanOf(first),
        message: `Service '${service}' differs from the deployment (${w.kindLabel} ${nameOf(w)}): ${diffs.join('; ')}.`,
        related: [source],
        edits,
        fixTitle: 'Update the model from the deployment',
      });
    }
  }

  // Modelled but not deployed: only kinds the sources cover (containers/pods, or VMs).
  const files = deployment.files.length === 1 ? deployment.files[0] : `${deployment.files.length} sources`;
  if (hasContainers) {
    for (const [service, instances] of services) {
      const first = instances.find((i) => i.kind !== 'vm');
      if (!first || instances.some((i) => matched.has(i))) continue;
      items.push({ node: first, span: spanOf(first), message: `Service '${service}' is in the model but not deployed: no workload in ${files} matches it. Remove it, or check the sources.`, related: [] });
    }
  }
  if (hasVms) {
    for (const vm of vms.values()) {
      if (matched.has(vm) || vm.children.some((c) => c.kind === 'engine')) continue;
      items.push({ node: vm, span: spanOf(vm), message: `VM '${vm.id}' is in the model but not deployed: no VM in ${files} matches it. Remove it, or check the sources.`, related: [] });
    }
  }
  return items;
}

function splitImage(image: string | undefined): [string | undefined, string | undefined] {
  if (image === undefined) return [undefined, undefined];
  const at = image.indexOf('@');
  if (at >= 0) return [image.slice(0, at), image.slice(at + 1)];
  const colon = image.lastIndexOf(':');
  if (colon > image.lastIndexOf('/')) return [image.slice(0, colon), image.slice(colon + 1)];
  return [image, undefined];
}

/** A node's memory (bytes) or CPU in the deployment's unit: the model keeps CPU in millicores, a deployment in cores. */
function modelNumber(node: ModelNode, key: 'cpu' | 'memory'): number | undefined {
  const v = node.props[key] as number | undefined;
  return key === 'cpu' && v !== undefined ? v / 1000 : v;
}
