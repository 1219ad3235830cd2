// drift: the model and a deployment source it is checked against disagree.
import { compareWithDeployment } from '../../drift/compare';
import type { Check } from '../types';

export const drift: Check = {
  meta: {
    name: 'drift',
    category: 'structure',
    defaultSeverity: 'warning',
    summary: 'The model and what is deployed disagree: a workload deployed but not modelled, modelled but not deployed, or different.',
    rationale:
      'An architecture model is only useful while it matches what runs. When a Deployment gains replicas, a container loses its memory limit or a pod moves to a sandboxed runtime, the isolation and overhead checks on the model say nothing about reality any more. Comparing the model with the deployment sources (Kubernetes manifests or cluster dumps, Compose files, libvirt XML, `terraform show -json`) finds the difference where it is introduced.',
    howToFix:
      'Update the model (the quick fix "Update the model from the deployment" writes the deployed values), or change the deployment, or import the sources again with `strata import`. Check with `strata check model.strata --against SOURCES...`, or list the sources under "sources" in strata.config.json so the editor shows drift live.',
    fix: 'unsafe',
    sources: ['Kubernetes docs, "Workload Resources" and "Resource Management for Pods and Containers": replicas, images and limits are part of each workload spec.', 'Compose specification: services, deploy.replicas and deploy.resources.limits.'],
    examples: {
      // Checked against a deployment of one compose service `web` (nginx:1.27, 256MiB), as read
      // from compose.yaml line 2: the same model, and one whose tag and limit differ.
      valid: ['host h1 {\n  os: debian-12\n  engine e1 { container web { image: "nginx:1.27"; memory: 256MiB; service: web } }\n}'],
      invalid: ['host h1 {\n  os: debian-12\n  engine e1 { container web { image: "nginx:1.25"; memory: 512MiB; service: web } }\n                        ^^^ image tag 1.25 in the model, 1.27 deployed; memory limit 512MiB in the model, 256MiB deployed\n}'],
      deployment: {
        files: ['compose.yaml'],
        workloads: [
          {
            key: 'compose:shop/web',
            service: 'web',
            kindLabel: 'compose service',
            source: { file: 'compose.yaml', line: 2 },
            replicas: 1,
            runtime: 'runc',
            containers: [{ name: 'web', image: 'nginx:1.27', memory: 256 * 1024 ** 2, source: { file: 'compose.yaml', line: 2 } }],
          },
        ],
      },
    },
  },
  run(ctx) {
    if (!ctx.deployment) return;
    for (const item of compareWithDeployment(ctx.model, (node) => ctx.sourceOf(node).text, ctx.deployment)) {
      ctx.report({
        node: item.node,
        span: item.span,
        message: item.message,
        related: item.related,
        fixes: item.edits && item.edits.length ? [{ title: item.fixTitle ?? 'Update the model from the deployment', safe: false, edits: item.edits }] : undefined,
      });
    }
  },
};
