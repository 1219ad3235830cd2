// mutable-image-tag: an image with no tag or with `:latest`.
import { ofKind } from '../../model/queries';
import type { Check } from '../types';

/** The tag of an image reference, '' when there is none; undefined when pinned by digest. */
function imageTag(image: string): string | undefined {
  if (image.includes('@sha256:') || image.includes('@sha512:')) return undefined;
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.lastIndexOf(':');
  return colon < 0 ? '' : last.slice(colon + 1);
}

export const mutableImageTag: Check = {
  meta: {
    name: 'mutable-image-tag',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'A container image has no tag or uses `:latest`.',
    rationale:
      'A tag such as `latest`, or no tag at all, points at whatever was pushed last. Two hosts can run different code under one name, a rebuild can change a running service without review, and a rollback has nothing to roll back to.',
    howToFix: 'Pin a version tag (`acme/web:1.4.2`) or a digest (`acme/web@sha256:…`).',
    fix: 'none',
    linters: [
      { tool: 'kube-linter', id: 'latest-tag' },
      { tool: 'Polaris', id: 'tagNotSpecified' },
      { tool: 'Checkov', id: 'CKV_K8S_14', note: 'CKV_DOCKER_7 for Dockerfile FROM' },
      { tool: 'hadolint', id: 'DL3007', note: 'DL3006 for no tag' },
      { tool: 'Trivy', id: 'KSV-0013', note: 'DS-0001 for Dockerfiles' },
      { tool: 'kube-score', id: 'container-image-tag' },
    ],
    examples: {
      valid: ['host h1 {\n  os: debian-12\n  engine e1 {\n    container a { memory: 64MiB; image: "acme/web:1.4.2"; app a1 }\n    container b { memory: 64MiB; image: "acme/web@sha256:0123abcd"; app b1 }\n  }\n}'],
      invalid: [
        'host h1 {\n  os: debian-12\n  engine e1 {\n    container a { memory: 64MiB; image: "acme/web:latest"; app a1 }\n                                        ^^^^^^^^^^^^^^^^^ latest\n    container b { memory: 64MiB; image: "registry:5000/acme/web"; app b1 }\n                                        ^^^^^^^^^^^^^^^^^^^^^^^^ no tag\n  }\n}',
      ],
    },
  },
  scope: 'subtree',
  run(ctx) {
    for (const node of ofKind(ctx.model, 'container')) {
      if (node.props.image === undefined) continue;
      const tag = imageTag(node.props.image);
      if (tag === undefined || (tag !== '' && tag !== 'latest')) continue;
      const prop = node.propDecls.get('image')!;
      ctx.report({
        node,
        span: prop.value ?? prop.key,
        message:
          tag === 'latest'
            ? `Image '${node.props.image}' uses ':latest', which changes whenever a new image is pushed. Pin a version tag or a digest.`
            : `Image '${node.props.image}' has no tag, so it means ':latest'. Pin a version tag or a digest.`,
      });
    }
  },
};
