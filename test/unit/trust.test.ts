// Issue 12 ("Trust: every finding right"): the repros a domain expert found wrong, and the answers
// an architect expects, each as a regression test. Findings are written as caret annotations
// (`^^^ part of the message`, optionally `warning:`/`error:`/`info:` first for the severity).
import * as assert from 'node:assert/strict';
import { analyze, type Analysis, type Finding } from '../../src/core';
import { computeStats, isolateTenants } from '../../src/core/analysis';
import { inlayHints } from '../../src/core/services/inlayHints';
import { parseAnnotated } from '../helpers/annotations';

/** The findings of `rule` in an annotated source, checked against its carets (position, message part, severity). */
function expectFindings(source: string, rule: string): Analysis {
  const { text, expected } = parseAnnotated(source);
  const a = analyze(text);
  const found = a.findings.filter((f) => f.rule === rule);
  const shown = found.map((f) => `${a.lines.rangeOf(f.span).start.line}:${a.lines.rangeOf(f.span).start.character} ${f.severity} ${f.message}`);
  assert.equal(found.length, expected.length, `'${rule}' findings: ${JSON.stringify(shown, null, 1)}`);
  expected.forEach((e, i) => {
    const f = found[i];
    const r = a.lines.rangeOf(f.span);
    assert.deepEqual([r.start.line, r.start.character, r.end.character], [e.line, e.startCol, e.endCol], `position of ${shown[i]}`);
    const m = /^(error|warning|info):\s*(.*)$/.exec(e.messagePart);
    if (m) assert.equal(f.severity, m[1], shown[i]);
    const part = m ? m[2] : e.messagePart;
    if (part) assert.ok(f.message.toLowerCase().includes(part.toLowerCase()), `'${f.message}' should contain '${part}'`);
  });
  return a;
}


const rules = (a: Analysis, rule: string): Finding[] => a.findings.filter((f) => f.rule === rule);

describe('issue 12: trust', () => {
  describe('1. gVisor is per pod, and one kernel model feeds check, stats, what-if and hints', () => {
    const PODS = `tenant a { trust: internal }
tenant b { trust: internal }
host h { os: ubuntu-24.04; cpu: 8; memory: 32GiB
  engine e { runtime: gvisor
    pod p1 { tenant: a
      container c1 { image: "a:1"; memory: 128MiB; app x }
      container c2 { image: "a2:1"; memory: 128MiB; app y }
    }
    pod p2 { tenant: b; container c3 { image: "b:1"; memory: 128MiB; app z } }
  }
}`;
    it('gives each gVisor pod one sandbox kernel shared by its containers (no shared-kernel-tenants on the host)', () => {
      const a = analyze(PODS);
      assert.deepEqual(rules(a, 'shared-kernel-tenants'), []);
      const c1 = a.model.byId.get('c1')!;
      const c2 = a.model.byId.get('c2')!;
      const c3 = a.model.byId.get('c3')!;
      assert.equal(c1.kernel?.kind, 'sandbox');
      assert.equal(c1.kernel, c2.kernel, 'the containers of one pod share its sandbox');
      assert.equal(c1.kernel?.owner.id, 'p1');
      assert.notEqual(c1.kernel, c3.kernel);
      assert.equal(a.model.kernels.filter((k) => k.kind === 'sandbox').length, 2);
    });
    it('check, stats, what-if and inlay hints agree that no kernel is shared', () => {
      const a = analyze(PODS);
      assert.deepEqual(computeStats(a).sharedKernels, []);
      assert.deepEqual(isolateTenants(a).changes, []);
      const hints = inlayHints(a).filter((h) => h.nodeId === 'c1' || h.nodeId === 'c2');
      assert.ok(hints.every((h) => /gVisor sandbox of p1/.test(h.label)), JSON.stringify(hints));
    });
    it('a lone gVisor container gets its own sandbox', () => {
      const a = analyze('host h { os: ubuntu-24.04\n  engine e { runtime: gvisor; container c { image: "a:1"; memory: 1GiB; app x } }\n}');
      const c = a.model.byId.get('c')!;
      assert.equal(c.kernel?.kind, 'sandbox');
      assert.equal(c.kernel?.owner, c);
    });
    it('two tenants in one gVisor pod do share its sandbox: reported on the pod, with sandbox advice', () => {
      expectFindings(
        `host h { os: ubuntu-24.04
  engine e { runtime: gvisor
    pod p {
        ^ gVisor sandbox kernel of pod 'p'
      container c1 { image: "a:1"; memory: 128MiB; tenant: a; app x }
      container c2 { image: "b:1"; memory: 128MiB; tenant: b; app y }
    }
  }
}`,
        'shared-kernel-tenants',
      );
    });
    it('stats and the check agree when tenants share a host kernel through pods under runc', () => {
      const a = analyze(PODS.replace('runtime: gvisor', 'runtime: runc'));
      assert.equal(rules(a, 'shared-kernel-tenants').length, 1);
      assert.deepEqual(computeStats(a).sharedKernels, ['host:h']);
    });
  });

  describe('2. millicores: integer CPU, exactly full is not overcommitted, one formatter', () => {
    it('20 containers of 100m in a VM of cpu 2 are exactly full, not overcommitted', () => {
      const containers = Array.from({ length: 20 }, (_, i) => `      container c${i} { image: "a:1"; memory: 64MiB; cpu: 100m; app a${i} }`).join('\n');
      const a = analyze(`host h { cpu: 4; memory: 16GiB
  hypervisor kvm1 { product: kvm
    vm v { cpu: 2; memory: 8GiB; os: debian-12
      engine e {
${containers}
      }
    }
  }
}`);
      assert.deepEqual(rules(a, 'cpu-overcommit').map((f) => f.message), []);
    });
    it('21 containers of 100m in cpu 2 are overcommitted, and the message prints 2.1 CPUs on 2 vCPUs', () => {
      const containers = Array.from({ length: 21 }, (_, i) => `      container c${i} { image: "a:1"; memory: 64MiB; cpu: 100m; app a${i} }`).join('\n');
      const a = analyze(`host h { cpu: 4; memory: 16GiB
  hypervisor kvm1 { product: kvm
    vm v { cpu: 2; memory: 8GiB; os: debian-12
      engine e {
${containers}
      }
    }
  }
}`);
      const f = rules(a, 'cpu-overcommit');
      assert.equal(f.length, 1);
      assert.match(f[0].message, /given 2\.1 CPUs on 2 vCPUs: 1\.05 per vCPU/);
      assert.match(f[0].related![0].message, /: 0\.1 CPUs\.$/);
    });
    it('never prints a number ending in a bare point ("1.")', () => {
      const a = analyze(`host h { cpu: 1; os: debian-12; engine e {
  container a { image: "a:1"; memory: 64MiB; cpu: 1; app x }
  container b { image: "a:1"; memory: 64MiB; cpu: 1m; app y }
} }`);
      const f = rules(a, 'cpu-overcommit');
      assert.equal(f.length, 1);
      assert.doesNotMatch(f[0].message + f[0].related!.map((r) => r.message).join(' '), /\d\.(?!\d)/);
      assert.match(f[0].message, /given 1\.001 CPUs on 1 core:/);
    });
    it('stores CPU as integer millicores', () => {
      const a = analyze('host h { cpu: 4; os: debian-12; engine e { container c { image: "a:1"; memory: 1GiB; cpu: 100m; app x } } }');
      assert.equal(a.model.byId.get('c')!.props.cpu, 100);
      assert.equal(a.model.byId.get('h')!.props.cpu, 4000);
    });
  });

  describe('3. inheritance never creates a service instance', () => {
    it('a VM with service cache and the container inside it are one instance', () => {
      const a = analyze(`host h { cpu: 8; memory: 32GiB
  hypervisor kvm1 { product: kvm
    vm cache-vm { cpu: 2; memory: 4GiB; os: debian-12; service: cache
      engine e { container valkey { image: "valkey/valkey:8.0"; memory: 1GiB; service: cache; app valkey } }
    }
  }
}`);
      assert.deepEqual(rules(a, 'single-host-service').map((f) => f.message), []);
    });
    it('two VMs of one service on one host are still two instances', () => {
      expectFindings(
        `host h { cpu: 8; memory: 32GiB
  hypervisor kvm1 { product: kvm
    vm c1 { cpu: 2; memory: 4GiB; os: debian-12; service: cache; app v1 }
    vm c2 { cpu: 2; memory: 4GiB; os: debian-12; service: cache; app v2 }
       ^^ 2 instances
  }
}`,
        'single-host-service',
      );
    });
  });

  describe('4. trailing suppressions and unused-suppression', () => {
    it('a trailing comment silences the node declared on its own line, not the next one', () => {
      const a = analyze(`host h { os: debian-12
  engine e {
    container a { image: "a:1"; app x }  # strata-ignore no-memory-limit: sized by the orchestrator
    container b { image: "b:1"; app y }
  }
}`);
      assert.deepEqual(
        rules(a, 'no-memory-limit').map((f) => f.nodeId),
        ['b'],
      );
      assert.deepEqual(rules(a, 'unused-suppression'), []);
    });
    it('a suppression that silences nothing is unused-suppression', () => {
      expectFindings(
        `host h { os: debian-12
  engine e {
    # strata-ignore no-memory-limit: sized elsewhere
    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ silences nothing
    container a { image: "a:1"; memory: 1GiB; app x }
  }
}`,
        'unused-suppression',
      );
    });
    it('findings carry the node they concern, so suppression survives a JSON round trip', () => {
      const a = analyze('host h { os: debian-12\n  engine e { container a { image: "a:1"; app x } }\n}');
      const f = JSON.parse(JSON.stringify(rules(a, 'no-memory-limit')[0])) as Finding;
      assert.equal(f.nodeId, 'a');
    });
  });

  describe('6. messages fit the platform', () => {
    it('a privileged Kata container is told it reaches its own micro-VM kernel, not its neighbours\'', () => {
      const a = analyze('host h { os: ubuntu-24.04\n  engine e { runtime: kata; container c { image: "a:1"; memory: 1GiB; privileged: true; app x } }\n}');
      const f = rules(a, 'privileged-container');
      assert.equal(f.length, 1);
      assert.doesNotMatch(f[0].message, /shared by its neighbours/);
      assert.match(f[0].message, /micro-VM/);
    });
    it('Windows advice is Hyper-V isolation, not gvisor or kata', () => {
      const a = analyze(`host w { os: windows-server-2022
  engine d { product: docker
    container a { image: "mcr.microsoft.com/windows/servercore:ltsc2022"; memory: 2GiB; tenant: t1; app x }
    container b { image: "mcr.microsoft.com/windows/servercore:ltsc2022"; memory: 2GiB; tenant: t2; app y }
  }
}`);
      const f = rules(a, 'shared-kernel-tenants');
      assert.equal(f.length, 1);
      assert.doesNotMatch(f[0].message, /gvisor|kata/i);
      assert.match(f[0].message, /runtime: hyperv/);
    });
  });

  describe('7. nested virtualization for VM-based sandboxes', () => {
    it('Kata inside a VM is a warning; a hypervisor in a VM stays info', () => {
      expectFindings(
        `host h { cpu: 16; memory: 64GiB
  hypervisor esx { product: esxi
    vm node1 { cpu: 8; memory: 32GiB; os: ubuntu-24.04
      engine e { runtime: kata; container c { image: "a:1"; memory: 1GiB; app x } }
                          ^^^^ warning: nested virtualization
      hypervisor inner { product: kvm }
                 ^^^^^ info: nested
    }
  }
}`,
        'nested-virtualization',
      );
    });
    it('Hyper-V isolated containers in a VM need nested virtualization; on a physical host they do not', () => {
      const inVm = analyze(`host h { hypervisor hv { product: hyper-v
  vm w { cpu: 4; memory: 8GiB; os: windows-server-2022
    engine d { runtime: hyperv; container c { image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"; memory: 1GiB; app x } }
  } } }`);
      assert.equal(rules(inVm, 'nested-virtualization').length, 1);
      assert.equal(rules(inVm, 'nested-virtualization')[0].severity, 'warning');
      const onHost = analyze(`host w { os: windows-server-2022
  engine d { runtime: hyperv; container c { image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"; memory: 1GiB; app x } } }`);
      assert.deepEqual(rules(onHost, 'nested-virtualization'), []);
    });
    it('gVisor inside a VM needs no nested virtualization', () => {
      const a = analyze(`host h { hypervisor esx { product: esxi
  vm v { cpu: 4; memory: 8GiB; os: debian-12; engine e { runtime: gvisor; container c { image: "a:1"; memory: 1GiB; app x } } } } }`);
      assert.deepEqual(rules(a, 'nested-virtualization'), []);
    });
  });

  describe('8. hypervisors that run on a host kernel', () => {
    for (const [product, family] of [
      ['kvm', 'linux'],
      ['proxmox', 'linux'],
      ['firecracker', 'linux'],
      ['xen', 'linux'],
      ['hyper-v', 'windows'],
    ] as const) {
      it(`${product} without os: the host kernel counts (${family})`, () => {
        const a = analyze(`host h { cpu: 8; memory: 32GiB\n  hypervisor hv { product: ${product} }\n}`);
        const h = a.model.byId.get('h')!;
        assert.equal(h.kernel?.kind, 'host');
        assert.equal(h.kernel?.family, family);
        assert.equal(h.kernel?.impliedBy?.id, 'hv');
        assert.equal(computeStats(a).total.kernels.host, 1);
      });
    }
    it('ESXi has a kernel of its own: no host kernel', () => {
      const a = analyze('host h { cpu: 8; memory: 32GiB\n  hypervisor hv { product: esxi }\n}');
      assert.equal(a.model.byId.get('h')!.kernel, undefined);
    });
    it('an engine beside KVM runs on the host kernel: no missing-os, and tenants there share it', () => {
      const a = analyze(`host h { cpu: 8; memory: 32GiB
  hypervisor hv { product: kvm }
  engine e { container c { image: "a:1"; memory: 1GiB; app x } }
}`);
      assert.deepEqual(rules(a, 'missing-os'), []);
      assert.equal(a.model.byId.get('c')!.kernel?.owner.id, 'h');
    });
  });

  describe('9. Windows containers', () => {
    it('runtime: hyperv gives each Windows container its own utility-VM kernel', () => {
      const a = analyze(`host w { os: windows-server-2022
  engine d { runtime: hyperv
    container a { image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"; memory: 1GiB; tenant: t1; app x }
    container b { image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"; memory: 1GiB; tenant: t2; app y }
  }
}`);
      assert.deepEqual(rules(a, 'unknown-catalog-value'), []);
      const ka = a.model.byId.get('a')!.kernel!;
      assert.equal(ka.kind, 'utility-vm');
      assert.equal(ka.family, 'windows');
      assert.notEqual(ka, a.model.byId.get('b')!.kernel);
      assert.deepEqual(rules(a, 'shared-kernel-tenants'), []);
    });
    it('an ltsc2022 image on windows-server-2019 in process isolation is kernel-mismatch', () => {
      expectFindings(
        `host w { os: windows-server-2019
  engine d { container iis { image: "mcr.microsoft.com/windows/servercore:ltsc2022"; memory: 2GiB; app iis } }
                       ^^^ Windows Server 2022
}`,
        'kernel-mismatch',
      );
    });
    it('an ltsc2022 image on windows-server-2019 is a mismatch under Hyper-V isolation too (newer image than host)', () => {
      const a = analyze(`host w { os: windows-server-2019
  engine d { runtime: hyperv; container iis { image: "mcr.microsoft.com/windows/servercore:ltsc2022"; memory: 2GiB; app iis } }
}`);
      assert.equal(rules(a, 'kernel-mismatch').length, 1);
    });
    it('an ltsc2019 image on windows-server-2022 needs Hyper-V isolation; with it, it runs', () => {
      const proc = analyze(`host w { os: windows-server-2022
  engine d { container iis { image: "mcr.microsoft.com/windows/servercore:ltsc2019"; memory: 2GiB; app iis } }
}`);
      const f = rules(proc, 'kernel-mismatch');
      assert.equal(f.length, 1);
      assert.match(f[0].message, /runtime: hyperv/);
      const hv = analyze(`host w { os: windows-server-2022
  engine d { runtime: hyperv; container iis { image: "mcr.microsoft.com/windows/servercore:ltsc2019"; memory: 2GiB; app iis } }
}`);
      assert.deepEqual(rules(hv, 'kernel-mismatch'), []);
    });
    it('matching builds run in process isolation', () => {
      for (const [os, tag] of [
        ['windows-server-2019', 'ltsc2019'],
        ['windows-server-2022', 'ltsc2022'],
        ['windows-server-2025', 'ltsc2025'],
        ['windows-server-2025', 'ltsc2022'],
        ['windows-11', 'ltsc2022'],
      ]) {
        const a = analyze(`host w { os: ${os}\n  engine d { container c { image: "mcr.microsoft.com/windows/nanoserver:${tag}"; memory: 1GiB; app x } }\n}`);
        assert.deepEqual(rules(a, 'kernel-mismatch').map((f) => f.message), [], `${tag} on ${os}`);
      }
    });
    it('Hyper-V isolation needs a Windows host', () => {
      const a = analyze('host l { os: ubuntu-24.04\n  engine d { runtime: hyperv; container c { image: "mcr.microsoft.com/windows/nanoserver:ltsc2022"; memory: 1GiB; app x } }\n}');
      assert.equal(rules(a, 'kernel-mismatch').length, 1);
    });
  });

  describe('10. memory-overcommit counts the operating systems', () => {
    it('a 16 GiB Windows 11 laptop with 14.5 GiB given to VMs is overcommitted, and the message shows the sum', () => {
      expectFindings(
        `host laptop { cpu: 8; memory: 16GiB; os: windows-11
                      ^^^^^^ 18.5 GiB
  hypervisor vbox { product: virtualbox
    vm dev { cpu: 4; memory: 12GiB; os: ubuntu-24.04; app ide }
    vm db { cpu: 2; memory: 2.5GiB; os: debian-12; app pg }
  }
}`,
        'memory-overcommit',
      );
    });
    it('a 128 MiB Firecracker micro-VM running a 64 MiB function is not overcommitted (a minimal guest, not an installer minimum)', () => {
      const a = analyze(`host fc { cpu: 8; memory: 8GiB; hypervisor f { product: firecracker
  vm fn { cpu: 1; memory: 128MiB; os: alpine-3.19; app resize { memory: 64MiB } } } }`);
      assert.deepEqual(rules(a, 'memory-overcommit').map((f) => f.message), []);
    });
    it('an ESXi host whose VMs take all its memory is overcommitted by the ESXi overhead per VM', () => {
      const a = analyze(`host h { memory: 8GiB; hypervisor esx { product: esxi
  vm a { memory: 4GiB; os: debian-12; app x }
  vm b { memory: 4GiB; os: debian-12; app y } } }`);
      const f = rules(a, 'memory-overcommit');
      assert.equal(f.length, 1);
      assert.match(f[0].message, /given 8 GiB of memory, plus [\d.]+ MiB for the esxi overhead of 2 VMs/);
    });
    it('the message names the host OS share', () => {
      const a = analyze(`host laptop { cpu: 8; memory: 16GiB; os: windows-11
  hypervisor vbox { product: virtualbox
    vm dev { cpu: 4; memory: 12GiB; os: ubuntu-24.04; app ide }
    vm db { cpu: 2; memory: 2.5GiB; os: debian-12; app pg }
  }
}`);
      const f = rules(a, 'memory-overcommit')[0];
      assert.match(f.message, /14\.5 GiB/);
      assert.match(f.message, /4 GiB for windows-11/);
    });
    it('a VM counts its guest OS before its containers', () => {
      const a = analyze(`host h { hypervisor esx { product: esxi
  vm v { cpu: 2; memory: 4GiB; os: ubuntu-22.04
    engine e { container c { image: "a:1"; memory: 3GiB; app x } }
  } } }`);
      const f = rules(a, 'memory-overcommit');
      assert.equal(f.length, 1, 'ubuntu-22.04 (2 GiB minimum) + 3 GiB > 4 GiB');
      assert.match(f[0].message, /5 GiB/);
    });
    it('exactly full is not overcommitted (debian-12 takes 1 GiB of a 4 GiB VM, its containers the other 3)', () => {
      const a = analyze(`host h { hypervisor esx { product: esxi
  vm v { memory: 4GiB; os: debian-12
    engine e { container a { image: "a:1"; memory: 1GiB; app x }; container b { image: "b:1"; memory: 2GiB; app y } } } } }`);
      assert.deepEqual(rules(a, 'memory-overcommit'), []);
    });
  });

  describe('11. tenancy', () => {
    it('an undeclared tenant is unknown-tenant once any tenant is declared, with did-you-mean', () => {
      expectFindings(
        `tenant finance { trust: restricted }
tenant shop { trust: internal }
host h { os: debian-12
  engine e { container c { image: "a:1"; memory: 1GiB; tenant: finanse; app x } }
                                                               ^^^^^^^ did you mean 'finance'
}`,
        'unknown-tenant',
      );
    });
    it('a model without declared tenants needs none', () => {
      const a = analyze('host h { os: debian-12\n  engine e { container c { image: "a:1"; memory: 1GiB; tenant: anything; app x } }\n}');
      assert.deepEqual(rules(a, 'unknown-tenant'), []);
    });
    it('a public and a restricted tenant on one kernel is an error', () => {
      expectFindings(
        `tenant web { trust: public }
tenant ledger { trust: restricted }
host h { os: debian-12
     ^ error: public
  engine e {
    container a { image: "a:1"; memory: 1GiB; tenant: web; app x }
    container b { image: "b:1"; memory: 1GiB; tenant: ledger; app y }
  }
}`,
        'shared-kernel-tenants',
      );
    });
    it('two internal tenants on one kernel stay a warning', () => {
      const a = analyze(`tenant x { trust: internal }
tenant y { trust: internal }
host h { os: debian-12
  engine e {
    container a { image: "a:1"; memory: 1GiB; tenant: x; app p }
    container b { image: "b:1"; memory: 1GiB; tenant: y; app q }
  }
}`);
      assert.deepEqual(rules(a, 'shared-kernel-tenants').map((f) => f.severity), ['warning']);
    });
  });

  describe('12. LXC system containers', () => {
    it('an LXC container with an init and several services is not multiple-apps-per-container', () => {
      const a = analyze(`host pve { cpu: 8; memory: 32GiB
  hypervisor px { product: proxmox }
  engine lxc1 { product: lxc
    container ct101 { memory: 2GiB; app systemd; app nginx; app postfix }
  }
}`);
      assert.deepEqual(rules(a, 'multiple-apps-per-container'), []);
      assert.deepEqual(rules(a, 'missing-os'), []);
    });
  });

  describe('14. values', () => {
    it("a VM's cpu is whole vCPUs: 500m is invalid-value", () => {
      expectFindings(
        `host h { hypervisor esx { product: esxi
  vm v { cpu: 500m; memory: 1GiB; os: debian-12; app x }
              ^^^^ whole
} }`,
        'invalid-value',
      );
    });
    it('the catalogue knows the common releases', () => {
      const ids = [
        'ubuntu-20.04',
        'ubuntu-22.04',
        'ubuntu-24.04',
        'debian-11',
        'debian-12',
        'rhel-8',
        'rhel-9',
        'rocky-8',
        'rocky-9',
        'alma-8',
        'alma-9',
        'windows-server-2019',
        'windows-server-2022',
        'windows-server-2025',
        'windows-10',
        'windows-11',
        'alpine-3.19',
        'talos',
        'flatcar',
        'bottlerocket',
      ];
      for (const id of ids) {
        const a = analyze(`host h { os: ${id}; app x }`);
        assert.deepEqual(rules(a, 'unknown-catalog-value').map((f) => f.message), [], id);
      }
    });
  });
});
