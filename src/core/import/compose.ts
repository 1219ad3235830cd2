// Docker Compose → Strata (the compose specification: plain compose.yaml, and what
// `docker compose config --format json` prints). One project is one engine on a host the file
// does not describe; each service is a container (one per replica) with its limits, privileges
// and host namespaces; `runtime:` and `isolation:` choose the engine's runtime; `depends_on` and
// `links` become links.
import * as z from 'zod/mini';
import type { Doc } from './documents';
import { joinId, slug } from './ids';
import { node, prop, str, UNPLACED_IGNORES, unplacedHost } from './build';
import { runtimeForHandler } from './kubernetes';
import { dockerCpus, dockerMemory, writeBytes, writeCores } from './quantities';
import type { DeployedWorkload, ImportError, ImportLink, ImportNode, ImportOptions, Unmapped } from './types';
import { validate } from './validate';

const size = z.optional(z.union([z.string(), z.number()]));
const stringList = z.optional(z.union([z.array(z.string()), z.record(z.string(), z.unknown())]));
const service = z.looseObject({
  image: z.optional(z.string()),
  build: z.optional(z.unknown()),
  container_name: z.optional(z.string()),
  privileged: z.optional(z.boolean()),
  network_mode: z.optional(z.string()),
  pid: z.optional(z.nullable(z.string())),
  runtime: z.optional(z.string()),
  isolation: z.optional(z.string()),
  mem_limit: size,
  cpus: size,
  scale: z.optional(z.int().check(z.nonnegative())),
  depends_on: stringList,
  links: z.optional(z.array(z.string())),
  labels: stringList,
  platform: z.optional(z.string()),
  deploy: z.optional(
    z.nullable(
      z.looseObject({
        replicas: z.optional(z.int().check(z.nonnegative())),
        resources: z.optional(z.looseObject({ limits: z.optional(z.looseObject({ cpus: size, memory: size })) })),
      }),
    ),
  ),
});
const composeFile = z.looseObject({ name: z.optional(z.string()), services: z.record(z.string(), z.nullable(service)) });

/** Whether a parsed document looks like a compose file. */
export function isComposeDoc(v: unknown): boolean {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const o = v as Record<string, unknown>;
  return typeof o.services === 'object' && o.services !== null && !Array.isArray(o.services) && o.apiVersion === undefined;
}

/** The project name: `name:` in the file, else the folder the file is in (as compose does). */
function projectName(fileName: string, declared: string | undefined): string {
  if (declared) return declared;
  const parts = fileName.split(/[\\/]/).filter((p) => p !== '' && p !== '.');
  return parts.length >= 2 ? parts[parts.length - 2] : 'compose';
}

export interface ComposeResult {
  roots: ImportNode[];
  tenants: ImportNode[];
  links: ImportLink[];
  unmapped: Unmapped[];
  errors: ImportError[];
  workloads: DeployedWorkload[];
}

export function readCompose(doc: Doc, fileName: string, options: ImportOptions): ComposeResult {
  const out: ComposeResult = { roots: [], tenants: [], links: [], unmapped: [], errors: [], workloads: [] };
  const v = validate(composeFile, doc.value, doc, [], 'Compose file');
  out.errors.push(...v.errors);
  if (!v.data) return out;
  const project = projectName(fileName, v.data.name);
  const pid = slug(project);
  const hostKey = `compose:${project}`;
  const host = unplacedHost(hostKey, joinId(pid, 'host'), `Docker host of compose project ${project}`, doc.at([]));
  host.notes?.push('A compose file does not say which machine runs it: add the host’s os (and cpu, memory) in a file that extends this one.');
  out.roots.push(host);
  const engines = new Map<string, ImportNode>();
  const engineFor = (runtime: string, why: string | undefined) => {
    let e = engines.get(runtime);
    if (!e) {
      e = node('engine', `${hostKey}/engine/${runtime}`, joinId(pid, 'docker', runtime === 'runc' ? '' : runtime), {
        props: [['product', 'docker'], ['runtime', runtime]],
        notes: why ? [why] : undefined,
        ignore: UNPLACED_IGNORES,
      });
      engines.set(runtime, e);
      host.children.push(e);
    }
    return e;
  };
  const tenants = new Map<string, ImportNode>();
  const instancesOf = new Map<string, string[]>();
  const names = Object.keys(v.data.services).sort();
  for (const name of names) {
    const s = v.data.services[name] ?? {};
    const path = ['services', name];
    const source = doc.at(path);
    // runtime: a Docker runtime name (runsc, kata-runtime, io.containerd.kata.v2); isolation: Windows.
    let runtime = 'runc';
    let why: string | undefined;
    if (s.isolation === 'hyperv') {
      runtime = 'hyperv';
      why = 'isolation: hyperv (each Windows container in its own utility VM)';
    } else if (s.isolation !== undefined && s.isolation !== 'process' && s.isolation !== 'default') {
      out.unmapped.push({ source: doc.at([...path, 'isolation']), what: `service ${name}: isolation ${s.isolation}`, why: 'not hyperv or process; modelled as sharing the kernel' });
    }
    if (s.runtime !== undefined) {
      const r = runtimeForHandler(s.runtime.replace(/^io\.containerd\.(.*)\.v\d+$/, '$1').replace(/^kata-runtime$/, 'kata'));
      if (r) {
        runtime = r;
        why = `runtime: ${s.runtime}`;
      } else out.unmapped.push({ source: doc.at([...path, 'runtime']), what: `service ${name}: runtime ${s.runtime}`, why: 'not a runtime Strata knows; modelled as sharing the kernel' });
    }
    const limits = s.deploy?.resources?.limits;
    const memory = dockerMemory(limits?.memory) ?? dockerMemory(s.mem_limit);
    const cpu = dockerCpus(limits?.cpus) ?? dockerCpus(s.cpus);
    const replicas = s.deploy?.replicas ?? s.scale ?? 1;
    const hostNet = s.network_mode === 'host';
    const hostPid = s.pid === 'host';
    if (s.network_mode?.startsWith('service:') || s.network_mode?.startsWith('container:')) {
      out.unmapped.push({ source: doc.at([...path, 'network_mode']), what: `service ${name}: network_mode ${s.network_mode}`, why: 'sharing another container’s network namespace is not modelled' });
    }
    if (s.image === undefined) out.unmapped.push({ source, what: `service ${name}: build`, why: 'built from source with no image name; no image is set' });
    let ten: string | undefined;
    const tenantFrom = options.tenantFrom;
    if (tenantFrom?.kind === 'label') {
      const labels = s.labels;
      const value = Array.isArray(labels) ? labels.find((l) => l.startsWith(`${tenantFrom.key}=`))?.split('=').slice(1).join('=') : typeof labels?.[tenantFrom.key] === 'string' ? (labels[tenantFrom.key] as string) : undefined;
      if (value) {
        ten = slug(value);
        if (!tenants.has(ten)) tenants.set(ten, node('tenant', `compose:tenant/${ten}`, ten, { label: ten !== value ? value : undefined, source }));
      }
    }
    const serviceId = joinId(pid, name);
    const ids: string[] = [];
    const notes: string[] = [];
    if (s.container_name) notes.push(`container_name: ${s.container_name}`);
    if (Array.isArray(s.cap_add)) notes.push(`cap_add: ${s.cap_add.join(', ')} (capabilities are not modelled; only privileged is)`);
    if (replicas === 0) out.unmapped.push({ source, what: `service ${name}`, why: 'replicas: 0, so nothing runs' });
    for (let i = 1; i <= replicas; i++) {
      const key = `compose:${project}/${name}${replicas > 1 ? `#${i}` : ''}`;
      ids.push(key);
      engineFor(runtime, why).children.push(
        node('container', key, joinId(pid, name, replicas > 1 ? String(i) : ''), {
          source,
          notes: replicas > 1 ? [...notes, `instance ${i} of ${replicas}`] : notes,
          ignore: i === 2 ? ['single-host-service: compose runs every replica on one Docker host; that is what the file says'] : undefined,
          props: [
            ...prop('image', s.image !== undefined ? str(s.image) : undefined),
            ...prop('cpu', cpu !== undefined ? writeCores(cpu) : undefined),
            ...prop('memory', memory !== undefined ? writeBytes(memory) : undefined),
            ...prop('os', s.platform?.startsWith('windows') ? 'windows-server-2022' : undefined),
            ...prop('tenant', ten),
            ['service', serviceId],
            ...prop('privileged', s.privileged ? 'true' : undefined),
            ...prop('network', hostNet ? 'host' : s.network_mode === 'none' ? 'none' : undefined),
            ...prop('pid', hostPid ? 'host' : undefined),
          ],
        }),
      );
    }
    instancesOf.set(name, ids);
    out.workloads.push({
      key: `compose:${project}/${name}`,
      service: serviceId,
      kindLabel: 'compose service',
      source,
      replicas,
      runtime,
      containers: [{ name, image: s.image, cpu, memory, privileged: s.privileged === true, network: hostNet ? 'host' : undefined, pid: hostPid ? 'host' : undefined, source }],
    });
  }
  // Links: every instance of a service to the first instance of what it depends on.
  for (const name of names) {
    const s = v.data.services[name] ?? {};
    const deps = Array.isArray(s.depends_on) ? s.depends_on : s.depends_on ? Object.keys(s.depends_on) : [];
    const linked = (s.links ?? []).map((l) => l.split(':')[0]);
    for (const [list, label, key] of [
      [deps, 'depends_on', 'depends_on'],
      [linked, 'links', 'links'],
    ] as const) {
      for (const target of [...new Set(list)].sort()) {
        const to = instancesOf.get(target)?.[0];
        if (!to) {
          out.unmapped.push({ source: doc.at(['services', name, key]), what: `service ${name}: ${label} ${target}`, why: 'no such service in the file' });
          continue;
        }
        for (const from of instancesOf.get(name) ?? []) out.links.push({ from, to, label, source: doc.at(['services', name, key]) });
      }
    }
  }
  out.tenants.push(...tenants.values());
  return out;
}
