// host-namespace: `network: host` or `pid: host`, which shares a namespace with the host.
import { ofKind } from '../../model/queries';
import type { Check } from '../types';
import { replace } from '../edits';

export const hostNamespace: Check = {
  meta: {
    name: 'host-namespace',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'A container shares the host’s network or PID namespace.',
    rationale:
      'Namespaces are what make a container look like it has the machine to itself. With `network: host` it sees and can bind every network interface and port of the kernel; with `pid: host` it sees, and may signal or trace, every process of every other workload on that kernel.',
    howToFix: 'Use `network: bridge` (publish only the ports needed) and `pid: private`.',
    fix: 'unsafe',
    linters: [
      { tool: 'kube-linter', id: 'host-network', note: 'and host-pid' },
      { tool: 'Polaris', id: 'hostNetworkSet', note: 'and hostPIDSet' },
      { tool: 'Checkov', id: 'CKV_K8S_19', note: 'and CKV_K8S_17' },
      { tool: 'Trivy', id: 'KSV-0009', note: 'and KSV-0010' },
      { tool: 'CIS Docker Benchmark', id: '5.10', note: 'and 5.16; v1.6.0' },
    ],
    sources: ['Seed "Guide: Containers vs VMs": namespaces isolate processes by giving them independent views of system resources (user, PID, network, mount, IPC, UTS).'],
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  engine e1 { container web { memory: 256MiB; image: "web:1"; network: bridge; app web } }\n}'],
      invalid: [{ code: 'host h1 {\n  os: debian-12\n  engine e1 { container web { memory: 256MiB; image: "web:1"; network: host; pid: host; app web } }\n                                                                       ^^^^ network\n                                                                                  ^^^^ PID\n}', output: 'host h1 {\n  os: debian-12\n  engine e1 { container web { memory: 256MiB; image: "web:1"; network: bridge; pid: private; app web } }\n}' }],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'container')) {
      if (node.props.network === 'host') {
        const v = node.propDecls.get('network')!.value!;
        ctx.report({
          node,
          span: v,
          message: `Container '${node.id ?? '?'}' uses the host's network namespace: it can see and bind every interface and port of its kernel. Use 'network: bridge' and publish only the ports it needs.`,
          fixes: [{ title: "Use 'network: bridge'", safe: false, edits: [replace(v, 'bridge')] }],
        });
      }
      if (node.props.pid === 'host') {
        const v = node.propDecls.get('pid')!.value!;
        ctx.report({
          node,
          span: v,
          message: `Container '${node.id ?? '?'}' uses the host's PID namespace: it sees, and may signal, every process on its kernel. Use 'pid: private'.`,
          fixes: [{ title: "Use 'pid: private'", safe: false, edits: [replace(v, 'private')] }],
        });
      }
    }
  },
};
