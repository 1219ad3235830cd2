// A generated project for the bench and the tests (bench/project.ts, test/unit/projectIncremental):
// 40 platform files with the hosts, hypervisors, VMs and engines; 160 team files that `extend`
// the engines with containers (one in ten with a mutable image tag, so every team file has
// findings). About 50 nodes per host (2000 hosts: about 100,000 nodes), and the equivalent JSON
// (the baseline of the bench).
const PLATFORM_FILES = 40;
const TEAM_FILES = 160;

export interface GeneratedProject {
  files: { file: string; text: string }[];
  json: string;
  nodes: number;
}

export function generateProject(hosts: number): GeneratedProject {
  const platform: string[][] = Array.from({ length: PLATFORM_FILES }, () => []);
  const teams: string[][] = Array.from({ length: TEAM_FILES }, () => []);
  const json: unknown[] = [{ kind: 'tenant', id: 'shop', props: { trust: 'internal' } }, { kind: 'tenant', id: 'finance', props: { trust: 'restricted' } }];
  platform[0].push('tenant shop { trust: internal }', 'tenant finance { trust: restricted }');
  let nodes = 2;
  let engine = 0;
  for (let h = 1; h <= hosts; h++) {
    const out = platform[h % PLATFORM_FILES];
    out.push(`host host${h} "Rack server ${h}" {`, '  cpu: 64', '  memory: 512GiB', '  disk: 4TB', `  hypervisor hv${h} {`, '    product: esxi');
    const vms: unknown[] = [];
    nodes += 2;
    for (let v = 1; v <= 4; v++) {
      const tenant = v % 2 ? 'shop' : 'finance';
      out.push(`    vm vm${h}-${v} {`, '      cpu: 8', '      memory: 32GiB', '      os: ubuntu-22.04', `      tenant: ${tenant}`, `      engine eng${h}-${v} { product: containerd; runtime: runc }`, '    }');
      nodes += 2;
      const team = teams[engine++ % TEAM_FILES];
      team.push(`extend eng${h}-${v} {`);
      const containers: unknown[] = [];
      for (let c = 1; c <= 5; c++) {
        const id = `c${h}-${v}-${c}`;
        // One container in ten runs a mutable tag: findings in every team file, as a real estate has.
        const image = (h + v + c) % 10 ? `acme/svc${c}:1.${c}.0` : `acme/svc${c}:latest`;
        team.push(`  container ${id} {`, `    image: "${image}"`, '    memory: 512MiB', '    cpu: 500m', `    service: svc${c}`, `    app app${h}-${v}-${c} { memory: 256MiB }`, '  }');
        containers.push({ kind: 'container', id, props: { image, memory: '512MiB', cpu: '500m', service: `svc${c}` }, children: [{ kind: 'app', id: `app${h}-${v}-${c}`, props: { memory: '256MiB' } }] });
        nodes += 2;
      }
      team.push('}');
      vms.push({ kind: 'vm', id: `vm${h}-${v}`, props: { cpu: 8, memory: '32GiB', os: 'ubuntu-22.04', tenant }, children: [{ kind: 'engine', id: `eng${h}-${v}`, props: { product: 'containerd', runtime: 'runc' }, children: containers }] });
    }
    out.push('  }', '}', '');
    json.push({ kind: 'host', id: `host${h}`, label: `Rack server ${h}`, props: { cpu: 64, memory: '512GiB', disk: '4TB' }, children: [{ kind: 'hypervisor', id: `hv${h}`, props: { product: 'esxi' }, children: vms }] });
  }
  const files = [
    ...platform.map((lines, i) => ({ file: `/bench/platform/platform-${String(i).padStart(2, '0')}.strata`, text: lines.join('\n') + '\n' })),
    ...teams.map((lines, i) => ({ file: `/bench/teams/team-${String(i).padStart(3, '0')}.strata`, text: lines.join('\n') + '\n' })),
  ];
  return { files, json: JSON.stringify(json, null, 2), nodes };
}

