// unknown-tenant: a `tenant:` value that names no declared tenant, once the model declares any.
import { suggester } from '../../catalogue';
import type { Check } from '../types';
import { replace } from '../edits';

export const unknownTenant: Check = {
  meta: {
    name: 'unknown-tenant',
    category: 'isolation',
    defaultSeverity: 'warning',
    summary: 'A `tenant:` value names no declared tenant (checked once the model declares any tenant).',
    rationale:
      'Tenants decide the isolation results: which workloads may share a kernel and how bad it is when they do. A misspelt tenant is silently a new tenant: `finanse` beside `finance` turns one tenant into two and reports a shared kernel that is not, or hides a `restricted` tenant behind a name with no trust level. A quick sketch without any `tenant` declaration needs none.',
    howToFix: 'Use the name of a declared tenant (the quick fix offers the closest one), or declare the tenant: `tenant NAME { trust: internal }`.',
    fix: 'unsafe',
    examples: {
      valid: [
        'tenant finance { trust: restricted }\nhost h1 {\n  os: debian-12\n  engine e1 { container c { image: "c:1"; memory: 1GiB; tenant: finance; app a } }\n}',
        'host h1 {\n  os: debian-12\n  engine e1 { container c { image: "c:1"; memory: 1GiB; tenant: anything; app a } }\n}',
      ],
      invalid: [
        {
          code: 'tenant finance { trust: restricted }\nhost h1 {\n  os: debian-12\n  engine e1 { container c { image: "c:1"; memory: 1GiB; tenant: finanse; app a } }\n                                                                ^^^^^^^ did you mean \'finance\'\n}',
          output: 'tenant finance { trust: restricted }\nhost h1 {\n  os: debian-12\n  engine e1 { container c { image: "c:1"; memory: 1GiB; tenant: finance; app a } }\n}',
        },
      ],
    },
  },
  scope: 'subtree',
  run(ctx) {
    const declared = ctx.model.tenants;
    if (declared.size === 0) return;
    let suggest: ((word: string) => string | undefined) | undefined;
    for (const node of ctx.model.nodes) {
      const tenant = node.props.tenant;
      if (tenant === undefined || node.kind === 'tenant' || declared.has(tenant)) continue;
      const prop = node.propDecls.get('tenant')!;
      const span = prop.value ?? prop.key;
      const guess = (suggest ??= suggester([...declared.keys()]))(tenant);
      ctx.report({
        node,
        span,
        message: `Tenant '${tenant}' is not declared${guess ? ` (did you mean '${guess}'?)` : ''}. Once a model declares tenants, every 'tenant:' must name one, or the isolation results count it as a separate tenant with no trust level. Declare it with 'tenant ${tenant} { trust: ... }'${guess ? ` or write '${guess}'` : ''}.`,
        related: [...declared.values()].slice(0, 10).map((t) => ({ span: t.node.decl.id ?? t.node.decl.kindSpan, message: `Declared tenant '${t.name}'.` })),
        fixes: guess && prop.value ? [{ title: `Change to '${guess}'`, safe: false, edits: [replace(prop.value, guess)] }] : undefined,
      });
    }
  },
};
