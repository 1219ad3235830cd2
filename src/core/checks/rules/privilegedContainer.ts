// privileged-container: `privileged: true`, which removes most of a container's isolation.
import { ofKind } from '../../model/queries';
import type { Check } from '../types';
import { replace } from '../edits';

export const privilegedContainer: Check = {
  meta: {
    name: 'privileged-container',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'A container runs privileged.',
    rationale:
      'A privileged container gets every capability and the host’s devices. Namespaces no longer hold it in: a compromised privileged container can load kernel modules, mount the host’s disks and take over the kernel that every other workload on it shares.',
    howToFix: 'Remove `privileged: true`; grant only the specific capability or device the workload needs.',
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
  run(ctx) {
    for (const node of ofKind(ctx.model, 'container')) {
      if (node.props.privileged !== true) continue;
      const prop = node.propDecls.get('privileged')!;
      ctx.report({
        node,
        span: prop.value ?? prop.key,
        message: `Container '${node.id ?? '?'}' is privileged: it has every capability and the host's devices, so a compromise reaches the kernel shared by its neighbours. Grant only what it needs.`,
        fixes: prop.value ? [{ title: "Set 'privileged: false'", safe: false, edits: [replace(prop.value, 'false')] }] : undefined,
      });
    }
  },
};
