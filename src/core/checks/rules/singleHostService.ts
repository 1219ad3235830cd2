// single-host-service: all instances of a service run on one physical host.
import { describeNode, hostOf } from '../../model/queries';
import type { ModelNode } from '../../model/model';
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
    const byService = new Map<string, ModelNode[]>();
    for (const node of ctx.model.nodes) {
      // An instance is where a service is set; inside it (inherited, or set again to the same
      // name) it is the same instance: a VM with service cache and its valkey container are one.
      if (node.props.service === undefined || node.parent?.service === node.props.service) continue;
      let list = byService.get(node.props.service);
      if (!list) byService.set(node.props.service, (list = []));
      list.push(node);
    }
    for (const [service, instances] of byService) {
      if (instances.length < 2) continue;
      const hosts = new Set(instances.map(hostOf));
      if (hosts.size !== 1) continue;
      const host = hostOf(instances[0]);
      if (!host) continue;
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
