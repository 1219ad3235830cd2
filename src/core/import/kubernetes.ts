// Kubernetes → Strata. Reads manifests (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job,
// CronJob, Pod, Namespace, RuntimeClass) and `kubectl get nodes,pods,runtimeclasses -A -o json`
// dumps, from any number of files together (a pod in one file may name a RuntimeClass in
// another). Nodes become hosts, or cloud VMs on provider hardware; pods sit under their node's
// engine (one engine per sandboxing runtime); what no scheduler placed sits under one unplaced
// engine. Namespaces become tenants, replicas instances of one service.
import * as z from 'zod/mini';
import type { Doc, PathPart } from './documents';
import { joinId, slug } from './ids';
import { Memo, node, prop, str, word, UNPLACED_IGNORES, unplacedHost } from './build';
import { findRuntime, formatBytes } from '../catalogue';
import { osId } from './os';
import { k8sCpu, k8sMemory, writeBytes, writeCapacity, writeCores } from './quantities';
import type { DeployedContainer, DeployedWorkload, ImportError, ImportNode, ImportOptions, ImportProp, SourceRef, Unmapped } from './types';
import { validate } from './validate';

/** One Kubernetes object and where it was read. */
export interface KObject {
  readonly value: Record<string, unknown>;
  readonly doc: Doc;
  readonly prefix: readonly PathPart[];
}

// ---- schemas: what is read (everything else is ignored) ----
const quantity = z.optional(z.union([z.string(), z.number()]));
const labels = z.optional(z.record(z.string(), z.string()));
const container = z.object({
  name: z.string(),
  image: z.optional(z.string()),
  restartPolicy: z.optional(z.string()),
  resources: z.optional(z.nullable(z.object({ limits: z.optional(z.nullable(z.object({ cpu: quantity, memory: quantity }))) }))),
  securityContext: z.optional(z.nullable(z.object({ privileged: z.optional(z.nullable(z.boolean())) }))),
});
const podSpec = z.object({
  nodeName: z.optional(z.string()),
  hostNetwork: z.optional(z.boolean()),
  hostPID: z.optional(z.boolean()),
  runtimeClassName: z.optional(z.nullable(z.string())),
  containers: z.array(container).check(z.minLength(1)),
  initContainers: z.optional(z.nullable(z.array(container))),
});
const metadata = z.object({
  name: z.string(),
  namespace: z.optional(z.string()),
  labels,
  ownerReferences: z.optional(z.array(z.object({ kind: z.string(), name: z.string() }))),
});
const template = z.object({ metadata: z.optional(z.object({ labels })), spec: podSpec });
const podSchema = z.object({ metadata, spec: podSpec, status: z.optional(z.object({ phase: z.optional(z.string()) })) });
const count = z.optional(z.int().check(z.nonnegative()));
/** Deployment, StatefulSet, ReplicaSet, DaemonSet, Job and CronJob: which fields each has is checked below. */
const controller = z.object({
  metadata,
  spec: z.object({
    replicas: count,
    parallelism: count,
    template: z.optional(template),
    jobTemplate: z.optional(z.object({ spec: z.object({ parallelism: count, template }) })),
  }),
});
const nodeSchema = z.object({
  metadata: z.object({ name: z.string(), labels }),
  spec: z.optional(z.object({ providerID: z.optional(z.string()) })),
  status: z.optional(
    z.object({
      capacity: z.optional(z.object({ cpu: quantity, memory: quantity })),
      nodeInfo: z.optional(z.object({ osImage: z.optional(z.string()), kernelVersion: z.optional(z.string()), containerRuntimeVersion: z.optional(z.string()), operatingSystem: z.optional(z.string()), architecture: z.optional(z.string()) })),
    }),
  ),
});
const runtimeClass = z.object({ metadata: z.object({ name: z.string() }), handler: z.string(), overhead: z.optional(z.object({ podFixed: z.optional(z.object({ cpu: quantity, memory: quantity })) })) });
const namespaceSchema = z.object({ metadata: z.object({ name: z.string(), labels }) });

type Container = z.infer<typeof container>;
type PodSpec = z.infer<typeof podSpec>;

/** Kinds read and understood that have no place in a model of where workloads run. */
const UNMAPPED_KINDS: Readonly<Record<string, string>> = {
  Service: 'a Service routes traffic; it runs nothing itself',
  Ingress: 'an Ingress routes traffic; it runs nothing itself',
  IngressClass: 'routing configuration, not a workload',
  Gateway: 'routing configuration, not a workload',
  HTTPRoute: 'routing configuration, not a workload',
  GRPCRoute: 'routing configuration, not a workload',
  Endpoints: 'routing data, not a workload',
  EndpointSlice: 'routing data, not a workload',
  NetworkPolicy: 'network policy is not modelled (Strata models kernels and placement)',
  ConfigMap: 'configuration data, not a workload',
  Secret: 'configuration data, not a workload',
  ServiceAccount: 'an identity, not a workload',
  Role: 'access control, not a workload',
  ClusterRole: 'access control, not a workload',
  RoleBinding: 'access control, not a workload',
  ClusterRoleBinding: 'access control, not a workload',
  PersistentVolume: 'storage is not modelled',
  PersistentVolumeClaim: 'storage is not modelled',
  StorageClass: 'storage is not modelled',
  HorizontalPodAutoscaler: 'autoscaling changes replicas at run time; the replicas written in the workload are used',
  VerticalPodAutoscaler: 'autoscaling changes limits at run time; the limits written in the workload are used',
  PodDisruptionBudget: 'a disruption budget is policy, not placement',
  LimitRange: 'a namespace default; only limits written on containers are imported',
  ResourceQuota: 'a namespace quota, not a workload',
  PriorityClass: 'scheduling priority is not modelled',
  CustomResourceDefinition: 'an API definition, not a workload',
  MutatingWebhookConfiguration: 'API server configuration, not a workload',
  ValidatingWebhookConfiguration: 'API server configuration, not a workload',
  APIService: 'API server configuration, not a workload',
  Lease: 'coordination data, not a workload',
  ControllerRevision: 'controller history, not a workload',
  Event: 'an event, not a workload',
  CSIDriver: 'storage is not modelled',
  CSINode: 'storage is not modelled',
  VolumeAttachment: 'storage is not modelled',
  Kustomization: 'a kustomize file: run `kubectl kustomize` and import its output',
};

export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Pod'] as const;
const READ_KINDS = new Set<string>([...WORKLOAD_KINDS, 'Node', 'Namespace', 'RuntimeClass']);

/** Whether a parsed document looks like Kubernetes (an object, or a List of them). */
export function isKubernetesDoc(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && typeof (v as Record<string, unknown>).kind === 'string' && typeof (v as Record<string, unknown>).apiVersion === 'string';
}

/** The objects of a document: itself, or the items of a List. */
export function kubernetesObjects(doc: Doc, errors: ImportError[]): KObject[] {
  const v = doc.value as Record<string, unknown>;
  if (typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items)) {
    const out: KObject[] = [];
    v.items.forEach((item, i) => {
      if (isKubernetesDoc(item)) out.push({ value: item as Record<string, unknown>, doc, prefix: ['items', i] });
      else {
        const at = doc.at(['items', i]);
        errors.push({ file: at.file, line: at.line, message: `items[${i}] is not a Kubernetes object: it has no apiVersion and kind.` });
      }
    });
    return out;
  }
  return [{ value: v, doc, prefix: [] }];
}

// ---- runtime classes ----
/** The Strata runtime for a RuntimeClass handler: runsc → gvisor; kata, kata-qemu, kata-clh, kata-fc… → kata. */
export function runtimeForHandler(handler: string): string | undefined {
  const h = handler.toLowerCase();
  if (h === 'runsc' || h === 'gvisor' || h.startsWith('runsc-') || h.startsWith('gvisor-')) return 'gvisor';
  if (h === 'kata' || h.startsWith('kata-') || h.startsWith('kata_')) return 'kata';
  if (h === 'runc' || h === 'crun') return h;
  if (h === 'runhcs-wcow-hypervisor') return 'hyperv';
  return undefined;
}

interface RuntimeInfo {
  readonly name: string;
  readonly handler: string;
  readonly runtime: string | undefined;
  readonly overhead?: { cpu?: number; memory?: number };
  readonly source: SourceRef;
}

// ---- cloud providers ----
const PROVIDERS: Readonly<Record<string, { name: string; product?: string; note: string }>> = {
  aws: { name: 'AWS EC2', product: 'kvm', note: 'EC2 Nitro instances run on a KVM-based hypervisor (older Xen-based types differ).' },
  gce: { name: 'Google Compute Engine', product: 'kvm', note: 'Compute Engine runs VMs on KVM.' },
  azure: { name: 'Azure', product: 'hyper-v', note: 'Azure runs VMs on Hyper-V.' },
  vsphere: { name: 'VMware vSphere', product: 'esxi', note: 'vSphere runs VMs on ESXi.' },
  openstack: { name: 'OpenStack', product: 'kvm', note: 'OpenStack Nova most often runs KVM; check your cloud.' },
  digitalocean: { name: 'DigitalOcean', product: 'kvm', note: 'DigitalOcean Droplets run on KVM.' },
  hcloud: { name: 'Hetzner Cloud', product: 'kvm', note: 'Hetzner Cloud servers run on KVM.' },
  linode: { name: 'Akamai (Linode)', product: 'kvm', note: 'Linode instances run on KVM.' },
};

function cloudOf(providerID: string | undefined, labels: Record<string, string>): { provider: string; instanceType?: string } | undefined {
  const instanceType = labels['node.kubernetes.io/instance-type'] ?? labels['beta.kubernetes.io/instance-type'];
  const scheme = providerID ? /^([a-z0-9-]+):\/\//i.exec(providerID)?.[1]?.toLowerCase() : undefined;
  if (scheme === 'kind' || scheme === 'k3s' || scheme === 'docker') return undefined;
  if (scheme) return { provider: scheme, instanceType };
  if (instanceType) return { provider: 'cloud', instanceType };
  return undefined;
}

/** The container engine product from `containerRuntimeVersion` (`containerd://1.7.2`). */
function engineProduct(version: string | undefined): string | undefined {
  const scheme = version ? /^([a-z0-9-]+):\/\//i.exec(version)?.[1]?.toLowerCase() : undefined;
  if (!scheme) return undefined;
  if (scheme === 'cri-o' || scheme === 'crio') return 'cri-o';
  return scheme;
}

interface Machine {
  readonly key: string;
  readonly id: string;
  /** The host or VM the engines go in. */
  readonly holder: ImportNode;
  readonly product?: string;
  readonly engines: Map<string, ImportNode>;
  /** Engines here cannot see an os: silence missing-os on them. */
  readonly noOs: boolean;
}

export interface KubernetesResult {
  roots: ImportNode[];
  tenants: ImportNode[];
  unmapped: Unmapped[];
  errors: ImportError[];
  workloads: DeployedWorkload[];
}

/** Reads every Kubernetes object of the import together. */
export function readKubernetes(objects: readonly KObject[], options: ImportOptions): KubernetesResult {
  const errors: ImportError[] = [];
  const unmapped: Unmapped[] = [];
  const roots: ImportNode[] = [];
  const rootsByKey = new Map<string, ImportNode>();
  const tenants = new Map<string, ImportNode>();
  const machines = new Map<string, Machine>();
  const runtimes = new Map<string, RuntimeInfo>();
  const tenantFrom = options.tenantFrom ?? { kind: 'namespace' as const };

  const at = (o: KObject, path: readonly PathPart[] = []) => o.doc.at([...o.prefix, ...path]);
  const addRoot = (n: ImportNode) => {
    const existing = rootsByKey.get(n.key);
    if (existing) return existing;
    rootsByKey.set(n.key, n);
    roots.push(n);
    return n;
  };
  const tenant = (name: string, source: SourceRef, label?: string) => {
    const id = slug(name);
    if (!tenants.has(id)) tenants.set(id, node('tenant', `k8s:tenant/${id}`, id, { label: label ?? (id !== name ? name : undefined), source }));
    return id;
  };

  // Sort the objects by kind first: nodes, runtime classes and namespaces before what refers to them.
  const byKind = new Map<string, KObject[]>();
  for (const o of objects) {
    const kind = o.value.kind as string;
    if (!READ_KINDS.has(kind)) {
      const a = at(o);
      const md = o.value.metadata as { name?: unknown; namespace?: unknown } | undefined;
      const what = `${kind}${typeof md?.name === 'string' ? ` ${typeof md.namespace === 'string' ? `${md.namespace}/` : ''}${md.name}` : ''}`;
      if (Object.hasOwn(UNMAPPED_KINDS, kind)) unmapped.push({ source: a, what, why: UNMAPPED_KINDS[kind] });
      else errors.push({ file: a.file, line: a.line, message: `Unknown kind '${kind}' (apiVersion ${String(o.value.apiVersion)}): Strata imports ${[...READ_KINDS].join(', ')} and lists the built-in kinds it does not map. Remove custom resources from the input (e.g. \`kubectl get nodes,pods,runtimeclasses -A -o json\`).` });
      continue;
    }
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = []));
    list.push(o);
  }
  const ofKind = (k: string) => byKind.get(k) ?? [];

  // Namespaces declared as objects become tenants even when empty.
  for (const o of ofKind('Namespace')) {
    const v = validate(namespaceSchema, o.value, o.doc, o.prefix, 'Namespace');
    errors.push(...v.errors);
    if (v.data && tenantFrom.kind === 'namespace') tenant(v.data.metadata.name, at(o));
  }

  for (const o of ofKind('RuntimeClass')) {
    const v = validate(runtimeClass, o.value, o.doc, o.prefix, 'RuntimeClass');
    errors.push(...v.errors);
    if (!v.data) continue;
    const pf = v.data.overhead?.podFixed;
    const info: RuntimeInfo = {
      name: v.data.metadata.name,
      handler: v.data.handler,
      runtime: runtimeForHandler(v.data.handler),
      overhead: pf ? { cpu: k8sCpu(pf.cpu), memory: k8sMemory(pf.memory) } : undefined,
      source: at(o),
    };
    runtimes.set(info.name, info);
    if (!info.runtime) unmapped.push({ source: info.source, what: `RuntimeClass ${info.name} (handler ${info.handler})`, why: 'the handler is not a runtime Strata knows (runc, crun, runsc, kata*); its pods are modelled as sharing the kernel' });
  }

  // ---- nodes ----
  for (const o of ofKind('Node')) {
    const v = validate(nodeSchema, o.value, o.doc, o.prefix, 'Node');
    errors.push(...v.errors);
    if (!v.data) continue;
    const d = v.data;
    const name = d.metadata.name;
    const id = slug(name);
    const source = at(o);
    const info = d.status?.nodeInfo;
    const nodeLabels = d.metadata.labels ?? {};
    const cloud = cloudOf(d.spec?.providerID, nodeLabels);
    const cpu = k8sCpu(d.status?.capacity?.cpu);
    const memory = k8sMemory(d.status?.capacity?.memory);
    const capacity = memory !== undefined ? writeCapacity(memory) : undefined;
    const os = info?.osImage ? osId(info.osImage) : info?.operatingSystem === 'windows' ? 'windows-server-2022' : undefined;
    const notes: string[] = [];
    if (info?.osImage) notes.push(`OS image: ${info.osImage}${info.kernelVersion ? `, kernel ${info.kernelVersion}` : ''}`);
    if (cloud?.instanceType) notes.push(`Instance type: ${cloud.instanceType}`);
    if (d.spec?.providerID) notes.push(`Provider ID: ${d.spec.providerID}`);
    if (capacity?.rounded) notes.push(`Memory capacity: ${String(d.status?.capacity?.memory)} as the node reports it, rounded down to whole MiB.`);
    const label = id !== name ? name : undefined;
    const product = engineProduct(info?.containerRuntimeVersion);
    if (info?.containerRuntimeVersion && !product) unmapped.push({ source, what: `Node ${name}: container runtime ${info.containerRuntimeVersion}`, why: 'not a container engine Strata knows' });
    let holder: ImportNode;
    if (cloud) {
      const p = PROVIDERS[cloud.provider];
      const vm = node('vm', `k8s:node/${name}`, id, {
        label,
        source,
        notes,
        props: [...prop('cpu', cpu !== undefined ? writeCores(cpu) : undefined), ...prop('memory', capacity?.text), ...prop('os', os ? word(os) : undefined)],
      });
      const hv = node('hypervisor', `k8s:node/${name}/hypervisor`, joinId(id, 'hv'), { props: prop('product', p?.product), notes: p ? [p.note] : ['The provider is not one Strata knows: the hypervisor product is not set.'], children: [vm] });
      const hw = node('host', `k8s:node/${name}/hardware`, joinId(id, 'hw'), { label: `${p?.name ?? cloud.provider} hardware under ${name}`, notes: ['The provider’s physical machine: not visible from the cluster. One per node, as the provider may place each VM on a different machine.'], children: [hv] });
      const group = addRoot(node('group', `k8s:cloud/${cloud.provider}`, joinId('cloud', cloud.provider), { label: p?.name ?? cloud.provider }));
      group.children.push(hw);
      holder = vm;
    } else {
      holder = addRoot(
        node('host', `k8s:node/${name}`, id, {
          label,
          source,
          notes,
          props: [
            ...prop('cpu', cpu !== undefined ? String(Math.max(1, Math.round(cpu))) : undefined),
            ...prop('memory', capacity?.text),
            ...prop('os', os ? word(os) : undefined),
            ...prop('arch', info?.architecture ? word(info.architecture) : undefined),
          ],
        }),
      );
    }
    machines.set(name, { key: `k8s:node/${name}`, id, holder, product, engines: new Map(), noOs: !os });
  }

  // An engine on a machine for a runtime (runc by default; one more per sandboxing runtime).
  const engineFor = (m: Machine, runtime: string, rc: RuntimeInfo | undefined): ImportNode => {
    let e = m.engines.get(runtime);
    if (!e) {
      const base = m.product ?? 'engine';
      const notes: string[] = [];
      if (runtime !== 'runc' && rc) notes.push(`RuntimeClass ${rc.name} (handler ${rc.handler})${rc.overhead && (rc.overhead.cpu !== undefined || rc.overhead.memory !== undefined) ? `: overhead.podFixed ${[rc.overhead.cpu !== undefined ? `cpu ${writeCores(rc.overhead.cpu)}` : '', rc.overhead.memory !== undefined ? `memory ${writeBytes(rc.overhead.memory)}` : ''].filter(Boolean).join(', ')} per pod` : ''}`);
      e = node('engine', `${m.key}/engine/${runtime}`, joinId(m.id, base, runtime === 'runc' ? '' : runtime), {
        props: [...prop('product', m.product ? word(m.product) : undefined), ['runtime', word(runtime)]],
        notes,
        ignore: m.noOs ? UNPLACED_IGNORES : undefined,
      });
      m.engines.set(runtime, e);
      m.holder.children.push(e);
    }
    return e;
  };
  let unplaced: Machine | undefined;
  const unplacedMachine = (): Machine => {
    if (!unplaced) {
      const h = addRoot(unplacedHost('k8s:unplaced', 'unplaced', 'Not placed: Kubernetes manifests', undefined));
      unplaced = { key: 'k8s:unplaced', id: 'unplaced', holder: h, engines: new Map(), noOs: true };
    }
    return unplaced;
  };
  const machineFor = (nodeName: string | undefined, source: SourceRef): Machine => {
    if (!nodeName) return unplacedMachine();
    let m = machines.get(nodeName);
    if (!m) {
      const id = slug(nodeName);
      const h = addRoot(node('host', `k8s:node/${nodeName}`, id, { label: id !== nodeName ? nodeName : undefined, notes: ['This node is named by a pod but not in the input: add the Node (`kubectl get nodes -o json`) for its OS and capacity.'] }));
      m = { key: `k8s:node/${nodeName}`, id, holder: h, engines: new Map(), noOs: true };
      machines.set(nodeName, m);
      unmapped.push({ source, what: `Node ${nodeName}`, why: 'named by a pod but not in the input; modelled as a host without OS or capacity' });
    }
    return m;
  };

  /** Pods imported per RuntimeClass name, for the summary of its overhead. */
  const podsPerClass = new Map<string, number>();
  const countPods = (rc: RuntimeInfo | undefined, pods: number) => {
    if (rc) podsPerClass.set(rc.name, (podsPerClass.get(rc.name) ?? 0) + pods);
  };
  const runtimeOf = (spec: PodSpec, source: SourceRef): { runtime: string; rc?: RuntimeInfo } => {
    const name = spec.runtimeClassName;
    if (!name) return { runtime: 'runc' };
    const rc = runtimes.get(name);
    if (rc) return { runtime: rc.runtime ?? 'runc', rc };
    const guessed = runtimeForHandler(name);
    unmapped.push({ source, what: `runtimeClassName ${name}`, why: guessed ? `the RuntimeClass is not in the input; its name suggests ${guessed}, which is used` : 'the RuntimeClass is not in the input and its name is not a runtime Strata knows; modelled as sharing the kernel' });
    const info: RuntimeInfo = { name, handler: name, runtime: guessed, source };
    runtimes.set(name, info);
    return { runtime: guessed ?? 'runc', rc: info };
  };

  const tenantOf = (namespace: string, podLabels: Record<string, string> | undefined, source: SourceRef): string | undefined => {
    if (tenantFrom.kind === 'namespace') return tenant(namespace, source);
    const v = podLabels?.[tenantFrom.key];
    return v ? tenant(v, source) : undefined;
  };

  // The props of pods and containers are made once per distinct value and shared (readonly): the
  // pods of a workload, and most containers' limits and images, repeat across a cluster.
  const cpuLimit = new Memo((q: string | number) => {
    const cores = k8sCpu(q);
    return { cores, prop: cores !== undefined ? (['cpu', writeCores(cores)] as ImportProp) : undefined };
  });
  const memoryLimit = new Memo((q: string | number) => {
    const bytes = k8sMemory(q);
    return { bytes, prop: bytes !== undefined ? (['memory', writeBytes(bytes)] as ImportProp) : undefined };
  });
  const image = new Memo((name: string): ImportProp => ['image', str(name)]);
  const podProps = new Memo((tenant: string | undefined) => new Memo((service: string): readonly ImportProp[] => (tenant !== undefined ? [['tenant', tenant], ['service', service]] : [['service', service]])));
  /** The note on a pod that names its RuntimeClass, one array per class name. */
  const runtimeClassNotes = new Memo((name: string) => [`runtimeClassName: ${name}`]);
  const containerNodes = (podKey: string, podId: string, spec: PodSpec, o: KObject, specPath: readonly PathPart[], wantDeployed: boolean): { nodes: ImportNode[]; deployed: DeployedContainer[] } => {
    const inits = spec.initContainers ?? [];
    const nodes = new Array<ImportNode>(inits.length + spec.containers.length);
    const deployed: DeployedContainer[] = [];
    const add = (c: Container, index: number, init: boolean) => {
      const source = at(o, [...specPath, init ? 'initContainers' : 'containers', index]);
      const limits = c.resources?.limits ?? undefined;
      const cpu = limits?.cpu !== undefined ? cpuLimit.of(limits.cpu) : undefined;
      const memory = limits?.memory !== undefined ? memoryLimit.of(limits.memory) : undefined;
      const privileged = c.securityContext?.privileged === true;
      const props: ImportProp[] = [];
      if (c.image !== undefined) props.push(image.of(c.image));
      if (cpu?.prop) props.push(cpu.prop);
      if (memory?.prop) props.push(memory.prop);
      if (privileged) props.push(PRIVILEGED);
      if (spec.hostNetwork) props.push(HOST_NETWORK);
      if (spec.hostPID) props.push(HOST_PID);
      nodes[init ? index : inits.length + index] = node('container', `${podKey}/${init ? 'init/' : ''}${c.name}`, joinId(podId, c.name), {
        source,
        notes: init ? (c.restartPolicy === 'Always' ? SIDECAR_NOTES : INIT_NOTES) : undefined,
        // A copy of exactly its length: arrays grown by push keep room for sixteen.
        props: props.slice(),
      });
      if (wantDeployed) deployed.push({ name: c.name, image: c.image, cpu: cpu?.cores, memory: memory?.bytes, privileged, network: spec.hostNetwork ? 'host' : undefined, pid: spec.hostPID ? 'host' : undefined, source });
    };
    inits.forEach((c, i) => add(c, i, true));
    spec.containers.forEach((c, i) => add(c, i, false));
    return { nodes, deployed };
  };

  // ---- pods seen running (dumps, or bare Pod manifests) ----
  interface Seen {
    key: string;
    service: string;
    kindLabel: string;
    source: SourceRef;
    count: number;
    placement: Set<string>;
    runtime: string;
    containers: DeployedContainer[];
    placed: boolean;
  }
  const seen = new Map<string, Seen>();
  for (const o of ofKind('Pod')) {
    const v = validate(podSchema, o.value, o.doc, o.prefix, 'Pod');
    errors.push(...v.errors);
    if (!v.data) continue;
    const d = v.data;
    const source = at(o);
    const ns = d.metadata.namespace ?? 'default';
    if (d.status?.phase === 'Succeeded' || d.status?.phase === 'Failed') {
      unmapped.push({ source, what: `Pod ${ns}/${d.metadata.name}`, why: `it has finished (phase ${d.status.phase}); it runs nowhere` });
      continue;
    }
    const owner = workloadOf(d.metadata.name, d.metadata.ownerReferences, d.metadata.labels, d.spec.nodeName);
    const wkey = `k8s:${ns}/${owner.name}`;
    let s = seen.get(wkey);
    const service = s ? s.service : joinId(ns, owner.name);
    const podId = joinId(ns, d.metadata.name);
    const podKey = `k8s:pod/${ns}/${d.metadata.name}`;
    const { runtime, rc } = runtimeOf(d.spec, source);
    countPods(rc, 1);
    const m = machineFor(d.spec.nodeName, source);
    const { nodes, deployed } = containerNodes(podKey, podId, d.spec, o, ['spec'], !s);
    const ten = tenantOf(ns, d.metadata.labels, source);
    engineFor(m, runtime, rc).children.push(node('pod', podKey, podId, { source, props: podProps.of(ten).of(service), children: nodes, notes: d.spec.runtimeClassName ? runtimeClassNotes.of(d.spec.runtimeClassName) : undefined }));
    if (!s) seen.set(wkey, (s = { key: wkey, service, kindLabel: owner.kind, source, count: 0, placement: new Set(), runtime, containers: deployed, placed: !!d.spec.nodeName }));
    s.count++;
    if (d.spec.nodeName) s.placement.add(m.id);
  }

  // ---- controllers from manifests: unplaced instances, unless their pods are in the input ----
  const workloads: DeployedWorkload[] = [];
  const controllers: { kind: string; o: KObject }[] = [];
  for (const kind of ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet', 'Job', 'CronJob']) for (const o of ofKind(kind)) controllers.push({ kind, o });
  for (const { kind, o } of controllers) {
    const v = validate(controller, o.value, o.doc, o.prefix, kind);
    errors.push(...v.errors);
    if (!v.data) continue;
    const d = v.data;
    const source = at(o);
    const tpl = kind === 'CronJob' ? d.spec.jobTemplate?.spec.template : d.spec.template;
    if (!tpl) {
      const a = at(o, ['spec']);
      errors.push({ file: a.file, line: a.line, message: `${kind}: spec.${kind === 'CronJob' ? 'jobTemplate' : 'template'} is required (the pod template).` });
      continue;
    }
    const ns = d.metadata.namespace ?? 'default';
    const name = d.metadata.name;
    const ownedBy = d.metadata.ownerReferences?.[0];
    if (ownedBy) {
      unmapped.push({ source, what: `${kind} ${ns}/${name}`, why: `managed by ${ownedBy.kind} ${ownedBy.name}, which is imported instead` });
      continue;
    }
    const wkey = `k8s:${ns}/${name}`;
    if (seen.has(wkey)) {
      unmapped.push({ source, what: `${kind} ${ns}/${name}`, why: 'its pods are in the input and imported where they run' });
      continue;
    }
    const specPath: PathPart[] = kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
    const replicas = kind === 'DaemonSet' ? undefined : kind === 'Job' ? (d.spec.parallelism ?? 1) : kind === 'CronJob' ? (d.spec.jobTemplate?.spec.parallelism ?? 1) : (d.spec.replicas ?? 1);
    const count = replicas ?? 1;
    const service = joinId(ns, name);
    const { runtime, rc } = runtimeOf(tpl.spec, source);
    if (replicas !== 0) countPods(rc, count);
    const m = machineFor(tpl.spec.nodeName, source);
    const ten = tenantOf(ns, tpl.metadata?.labels, source);
    let deployedContainers: DeployedContainer[] = [];
    if (replicas === 0) unmapped.push({ source, what: `${kind} ${ns}/${name}`, why: 'replicas: 0, so nothing runs' });
    if (kind === 'DaemonSet') unmapped.push({ source, what: `DaemonSet ${ns}/${name}`, why: 'it runs one pod per node; without the nodes (a cluster dump) one unplaced instance stands for them' });
    for (let i = 1; i <= count && replicas !== 0; i++) {
      const suffix = count > 1 ? String(i) : '';
      const podId = joinId(ns, name, suffix);
      const podKey = `k8s:${kind}/${ns}/${name}${suffix ? `#${suffix}` : ''}`;
      const { nodes, deployed } = containerNodes(podKey, podId, tpl.spec, o, specPath, i === 1);
      if (i === 1) deployedContainers = deployed;
      const notes = [`${kind} ${name}${count > 1 ? `, instance ${i} of ${count}` : ''}`];
      if (tpl.spec.runtimeClassName) notes.push(`runtimeClassName: ${tpl.spec.runtimeClassName}`);
      engineFor(m, runtime, rc).children.push(
        node('pod', podKey, podId, {
          source,
          notes,
          props: podProps.of(ten).of(service),
          children: nodes,
          // single-host-service reports on a service's second instance; unplaced, they are not on one host.
          ignore: i === 2 && m === unplaced ? ['single-host-service: not placed yet; the scheduler may spread the replicas over nodes'] : undefined,
        }),
      );
    }
    workloads.push({ key: wkey, service, kindLabel: kind, source, replicas, runtime, containers: deployedContainers });
  }
  for (const s of seen.values()) {
    workloads.push({ key: s.key, service: s.service, kindLabel: s.kindLabel, source: s.source, replicas: s.count, placement: s.placed ? [...s.placement].sort() : undefined, runtime: s.runtime, containers: s.containers });
  }

  for (const rc of runtimes.values()) {
    const o = rc.overhead;
    if (o && (o.cpu !== undefined || o.memory !== undefined)) unmapped.push(podFixedSummary(rc, o, podsPerClass.get(rc.name) ?? 0));
  }
  return { roots, tenants: [...tenants.values()], unmapped, errors, workloads };
}

/**
 * The summary line for a RuntimeClass's `overhead.podFixed`. The language has no per-pod overhead
 * property, so the declared reservation stays a note on the engine and this line; the overhead
 * figures (`strata stats`, the preview) count the catalogue's measured overhead of the runtime per
 * sandboxed pod, which carries its source. The line gives both, so the two can be compared.
 */
function podFixedSummary(rc: RuntimeInfo, o: { cpu?: number; memory?: number }, pods: number): Unmapped {
  const perPod = [o.cpu !== undefined ? `cpu ${writeCores(o.cpu)}` : '', o.memory !== undefined ? `memory ${writeBytes(o.memory)}` : ''].filter(Boolean).join(', ');
  const total = [o.cpu !== undefined ? `cpu ${writeCores(o.cpu * pods)}` : '', o.memory !== undefined ? `memory ${writeBytes(o.memory * pods)}` : ''].filter(Boolean).join(', ');
  const declared = pods === 0 ? 'no pod of the input uses it' : `${pods} pod${pods === 1 ? '' : 's'} here: ${total} reserved in all`;
  const entry = rc.runtime ? findRuntime(rc.runtime) : undefined;
  const figures = entry?.memoryOverhead
    ? `the overhead figures (\`strata stats\`) count the catalogue's measured ${entry.name} memory overhead instead, ${formatBytes(entry.memoryOverhead.value)} per sandboxed pod (${entry.memoryOverhead.source.publisher}, ${entry.memoryOverhead.source.title})${o.cpu !== undefined ? ', and no CPU overhead (the catalogue has no CPU figure)' : ''}`
    : `the catalogue has no measured overhead for ${rc.runtime ?? `handler ${rc.handler}`}, so the overhead figures have none for these pods`;
  return {
    source: rc.source,
    what: `RuntimeClass ${rc.name}: overhead.podFixed ${perPod} per pod (${declared})`,
    why: `Strata has no per-pod overhead property, so the reservation is written as a note on the engine, not as a figure of the model; ${figures}`,
  };
}

/** The workload a pod belongs to: its controller (ReplicaSet → Deployment), else itself. */
function workloadOf(podName: string, owners: readonly { kind: string; name: string }[] | undefined, podLabels: Record<string, string> | undefined, nodeName: string | undefined): { kind: string; name: string } {
  const owner = owners?.[0];
  if (!owner) return { kind: 'Pod', name: podName };
  if (owner.kind === 'ReplicaSet') {
    const hash = podLabels?.['pod-template-hash'];
    if (hash && owner.name.endsWith(`-${hash}`)) return { kind: 'Deployment', name: owner.name.slice(0, -hash.length - 1) };
    const m = /^(.*)-[a-z0-9]{6,10}$/.exec(owner.name);
    return m ? { kind: 'Deployment', name: m[1] } : { kind: 'ReplicaSet', name: owner.name };
  }
  if (owner.kind === 'Job') {
    const m = /^(.*)-\d{8,}$/.exec(owner.name);
    return m ? { kind: 'CronJob', name: m[1] } : { kind: 'Job', name: owner.name };
  }
  if (owner.kind === 'Node') {
    // A static pod (kube-apiserver-<node>): one workload across the nodes.
    return { kind: 'static Pod', name: nodeName && podName.endsWith(`-${nodeName}`) ? podName.slice(0, -nodeName.length - 1) : podName };
  }
  return { kind: owner.kind, name: owner.name };
}

const INIT_NOTES = ['Init container: runs to completion before the others start.'];
const PRIVILEGED: ImportProp = ['privileged', 'true'];
const HOST_NETWORK: ImportProp = ['network', 'host'];
const HOST_PID: ImportProp = ['pid', 'host'];
const SIDECAR_NOTES = ['Sidecar (an init container with restartPolicy: Always).'];
