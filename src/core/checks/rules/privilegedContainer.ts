// privileged-container: `privileged: true`, which removes most of a container's isolation.
import { describeKernel, ofKind } from '../../model/queries';
import type { ModelNode } from '../../model/model';
import type { Check } from '../types';
import { replace } from '../edits';

/** What a compromise of a privileged container reaches, for the kernel it runs on. */
function reach(node: ModelNode): string {
  const k = node.kernel;
  if (k && (k.kind === 'microvm' || k.kind === 'utility-vm')) {
    const vm = k.kind === 'microvm' ? 'micro-VM' : 'Hyper-V utility VM';
    const shared = k.workloads.some((w) => w !== node && w.kind === 'container') ? ' and the containers of its pod' : '';
    return `it has every capability and the devices of its ${vm}, so a compromise takes over that VM's own kernel${shared}; the hypervisor still stands between it and the host, but privileged mode removes the guard inside the VM.`;
  }
  if (k && k.kind === 'sandbox') {
    return "it has every capability inside its gVisor sandbox, so a compromise takes over the sandbox's user-space kernel and whatever shares the sandbox; gVisor still stands between it and the host kernel.";
  }
  const neighbours = k ? k.workloads.filter((w) => w !== node && w.kind === 'container').length : 0;
  return `it has every capability and the host's devices, so a compromise reaches ${k ? describeKernel(k) : 'the kernel it runs on'}${neighbours ? `, shared by ${neighbours} other container${neighbours === 1 ? '' : 's'}` : ''}.`;
}

export const privilegedContainer: Check = {
  meta: {
    name: 'privileged-container',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'A container runs privileged.',
    rationale:
      'A privileged container gets every capability and the host’s devices. Namespaces no longer hold it in: a compromised privileged container can load kernel modules, mount the host’s disks and take over the kernel that every other workload on it shares.',
    howToFix: 'Remove `privileged: true`; grant only the specific capability or device the workload needs. Under kata, firecracker or Hyper-V isolation the damage stays in the container\'s own VM, but that VM\'s kernel is still lost.',
    fix: 'unsafe',
    linters: [
      { tool: 'kube-linter', id: 'privileged-container' },
      { tool: 'Polaris', id: 'runAsPrivileged' },
      { tool: 'Checkov', id: 'CKV_K8S_16' },
      { tool: 'Trivy', id: 'KSV-0017', note: 'legacy KSV017' },
      { tool: 'CIS Docker Benchmark', id: '5.5', note: 'v1.6.0; 5.4 in v1.5.0' },
      { tool: 'kube-score', id: 'container-security-context-privileged' },
    ],
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  engine e1 { container web { memory: 256MiB; image: "web:1"; privileged: false; app web } }\n}'],
      invalid: [{ code: 'host h1 {\n  os: debian-12\n  engine e1 { container web { memory: 256MiB; image: "web:1"; privileged: true; app web } }\n                                                                          ^^^^ privileged\n}', output: 'host h1 {\n  os: debian-12\n  engine e1 { container web { memory: 256MiB; image: "web:1"; privileged: false; app web } }\n}' }],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'container')) {
      if (node.props.privileged !== true) continue;
      const prop = node.propDecls.get('privileged')!;
      ctx.report({
        node,
        span: prop.value ?? prop.key,
        message: `Container '${node.id ?? '?'}' is privileged: ${reach(node)} Grant only what it needs.`,
        fixes: prop.value ? [{ title: "Set 'privileged: false'", safe: false, edits: [replace(prop.value, 'false')] }] : undefined,
      });
    }
  },
};
