// Generates realistic models of a given size (hosts > hypervisors > VMs > engines > containers,
// with properties and links) as Strata text and as the equivalent JSON, for benchmarks and tests.

export interface Generated {
  readonly text: string;
  readonly json: string;
  readonly nodes: number;
}

interface JsonNode {
  kind: string;
  id: string;
  props: Record<string, string | number>;
  children: JsonNode[];
}

/** A model with about `target` nodes. Deterministic. */
export function generateModel(target: number): Generated {
  const lines: string[] = ['# generated model', 'tenant shop { trust: internal }', 'tenant finance { trust: restricted }', ''];
  const roots: JsonNode[] = [
    { kind: 'tenant', id: 'shop', props: { trust: 'internal' }, children: [] },
    { kind: 'tenant', id: 'finance', props: { trust: 'restricted' }, children: [] },
  ];
  const links: { from: string; to: string; label: string }[] = [];
  let count = 2;
  let h = 0;
  while (count < target) {
    h++;
    const host: JsonNode = { kind: 'host', id: `host${h}`, props: { cpu: 64, memory: '512GiB', disk: '4TB' }, children: [] };
    roots.push(host);
    lines.push(`host host${h} "Rack server ${h}" {`, '  cpu: 64', '  memory: 512GiB', '  disk: 4TB', `  hypervisor hv${h} {`, '    product: esxi');
    const hv: JsonNode = { kind: 'hypervisor', id: `hv${h}`, props: { product: 'esxi' }, children: [] };
    host.children.push(hv);
    count += 2;
    for (let v = 1; v <= 4 && count < target; v++) {
      const vmId = `vm${h}-${v}`;
      const tenant = v % 2 ? 'shop' : 'finance';
      lines.push(`    vm ${vmId} {`, '      cpu: 8', '      memory: 32GiB', '      os: ubuntu-22.04', `      tenant: ${tenant}`, `      engine eng${h}-${v} {`, '        product: containerd', '        runtime: runc');
      const vm: JsonNode = { kind: 'vm', id: vmId, props: { cpu: 8, memory: '32GiB', os: 'ubuntu-22.04', tenant }, children: [] };
      const eng: JsonNode = { kind: 'engine', id: `eng${h}-${v}`, props: { product: 'containerd', runtime: 'runc' }, children: [] };
      vm.children.push(eng);
      hv.children.push(vm);
      count += 2;
      for (let c = 1; c <= 5 && count < target; c++) {
        const cid = `c${h}-${v}-${c}`;
        lines.push(
          `        container ${cid} {`,
          `          image: "acme/svc${c}:1.${c}.0"`,
          '          memory: 512MiB',
          '          cpu: 500m',
          `          service: svc${c}`,
          `          app app${h}-${v}-${c} { memory: 256MiB }`,
          '        }',
        );
        eng.children.push({
          kind: 'container',
          id: cid,
          props: { image: `acme/svc${c}:1.${c}.0`, memory: '512MiB', cpu: '500m', service: `svc${c}` },
          children: [{ kind: 'app', id: `app${h}-${v}-${c}`, props: { memory: '256MiB' }, children: [] }],
        });
        count += 2;
        if (c > 1) links.push({ from: `c${h}-${v}-${c}`, to: `c${h}-${v}-${c - 1}`, label: 'HTTP' });
      }
      lines.push('      }', '    }');
    }
    lines.push('  }', '}', '');
  }
  for (const l of links) lines.push(`${l.from} -> ${l.to} "${l.label}"`);
  const text = lines.join('\n') + '\n';
  const json = JSON.stringify({ nodes: roots, links }, null, 2);
  return { text, json, nodes: count };
}
