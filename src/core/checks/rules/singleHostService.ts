// single-host-service: all instances of a service run on one physical host.
import { describeNode, hostOf } from '../../model/queries';
import type { Model, ModelNode } from '../../model/model';
import { UnitSummaries } from '../unitSummaries';
import type { Check } from '../types';

export const singleHostService: Check = {
  meta: {
    name: 'single-host-service',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'Two or more instances of one service all run on the same physical host (a node inside an instance, inheriting its service, is part of that instance).',
    rationale:
      'Replicas protect a service only if they fail independently. "When the hypervisor or the underlying physical server crashes, all your virtual machines disappear": replicas in different VMs or containers on one host all go down together with it.',
    howToFix: 'Place at least one instance of the service on another host.',
    fix: 'none',
    linters: [
      { tool: 'kube-linter', id: 'no-anti-affinity' },
      { tool: 'Polaris', id: 'topologySpreadConstraint' },
      { tool: 'kube-score', id: 'deployment-has-host-podantiaffinity' },
    ],
    sources: ['Seed "Containers and Virtual Machine (VM)": when the hypervisor or the physical server crashes, all its virtual machines disappear.'],
    examples: {
      valid: [
        'host h1 {\n  hypervisor kvm1 {\n    product: kvm\n    vm cache-vm {\n      os: debian-12; service: cache\n      engine e1 { container valkey { memory: 1GiB; image: "valkey/valkey:8.0"; service: cache; app valkey } }\n    }\n  }\n}',
        'host h1 { os: debian-12; engine e1 { container web1 { memory: 64MiB; image: "w:1"; service: web; app a1 } } }\nhost h2 { os: debian-12; engine e2 { container web2 { memory: 64MiB; image: "w:1"; service: web; app a2 } } }',
      ],
      invalid: [
        'host h1 {\n  os: debian-12\n  engine e1 {\n    container web1 { memory: 64MiB; image: "w:1"; service: web; app a1 }\n    container web2 { memory: 64MiB; image: "w:1"; service: web; app a2 }\n              ^^^^ run on host\n  }\n}',
      ],
    },
  },
  run(ctx) {
    for (const [service, instances] of ctx.keep(() => new ServiceHosts()).update(ctx.units)) {
      const host = hostOf(instances[0])!;
      ctx.report({
        node: instances[1],
        span: instances[1].decl.id ?? instances[1].decl.kindSpan,
        message: `All ${instances.length} instances of service '${service}' run on ${describeNode(host)}: if that host fails, the whole service is down. Place at least one instance on another host.`,
        related: [
          { span: host.decl.id ?? host.decl.kindSpan, message: `The one host all instances of '${service}' run on.` },
          ...instances.filter((n) => n !== instances[1]).map((n) => ({ span: n.decl.id ?? n.decl.kindSpan, message: `Another instance of '${service}'.` })),
        ],
      });
    }
  },
};

/**
 * A unit's instances of each service (the nodes that set a service their parent does not have),
 * in document order.
 */
function instancesIn(unit: Model): Map<string, ModelNode[]> {
  const byService = new Map<string, ModelNode[]>();
  for (const node of unit.nodes) {
    if (node.props.service === undefined || node.parent?.service === node.props.service) continue;
    let list = byService.get(node.props.service);
    if (!list) byService.set(node.props.service, (list = []));
    list.push(node);
  }
  return byService;
}

/** One service across the units: its instances counted by host (`undefined`: on no host), and the units that have any. */
interface ServiceCount {
  readonly hosts: Map<ModelNode | undefined, number>;
  readonly units: Set<Map<string, ModelNode[]>>;
}

/**
 * Every service's instances counted by host, kept up to date by the units that come and go, so an
 * edit costs the units it binds again. A host is in one unit (its instances are below it), so a
 * service whose instances all run on one host has them all in that host's unit.
 */
class ServiceHosts {
  private readonly services = new Map<string, ServiceCount>();
  private readonly changed = new Set<string>();
  /** The services whose instances (two or more) all run on one host, with them. */
  private readonly single = new Map<string, ModelNode[]>();
  private readonly summaries = new UnitSummaries(
    instancesIn,
    (s) => this.count(s, 1),
    (s) => this.count(s, -1),
  );

  update(units: readonly Model[]): ReadonlyMap<string, ModelNode[]> {
    this.summaries.update(units);
    for (const service of this.changed) {
      const c = this.services.get(service);
      this.single.delete(service);
      if (!c || c.hosts.size !== 1 || c.units.size !== 1) continue;
      const [host] = c.hosts.keys();
      const [unit] = c.units;
      const instances = unit.get(service)!;
      if (host && instances.length >= 2) this.single.set(service, instances);
    }
    this.changed.clear();
    return this.single;
  }

  private count(unit: Map<string, ModelNode[]>, sign: 1 | -1): void {
    for (const [service, instances] of unit) {
      this.changed.add(service);
      let c = this.services.get(service);
      if (!c) this.services.set(service, (c = { hosts: new Map(), units: new Set() }));
      if (sign > 0) c.units.add(unit);
      else c.units.delete(unit);
      for (const node of instances) {
        const host = hostOf(node);
        const n = (c.hosts.get(host) ?? 0) + sign;
        if (n) c.hosts.set(host, n);
        else c.hosts.delete(host);
      }
      if (!c.units.size) this.services.delete(service);
    }
  }
}
