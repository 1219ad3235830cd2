// Findings as a SARIF 2.1.0 log, the format GitHub code scanning uploads (and most analysis
// viewers read): one run, the tool "Strata" with every rule's metadata, one result per finding
// with one-based regions in UTF-16 columns, related locations and fixes as replacements. Pure:
// the CLI passes the tool version and the working folder; paths become URIs relative to
// %SRCROOT% (the folder the check ran in, normally the repository root).
import { CHECKS, FRAMEWORK_RULES } from '../checks/registry';
import type { CheckMeta } from '../checks/types';
import type { Severity } from '../diagnostics';
import type { Span } from '../syntax/ast';
import type { LineIndex } from '../text/lineIndex';
import { type FileFindings, relatedPlace } from './findings';

/** The OASIS location of the SARIF 2.1.0 schema (the standard's own URI). */
export const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
export const SRCROOT = '%SRCROOT%';

export type SarifLevel = 'error' | 'warning' | 'note';
const LEVEL: Readonly<Record<Severity, SarifLevel>> = { error: 'error', warning: 'warning', info: 'note' };

export interface SarifOptions {
  /** The tool version (the CLI passes package.json's). Omitted when not given. */
  readonly toolVersion?: string;
  /**
   * The folder the check ran in (absolute, `/` or `\` separators): absolute file paths inside it
   * become relative URIs. Relative file paths are taken as relative to it already.
   */
  readonly cwd?: string;
  /** An absolute http(s) URL of the tool's home page. Omitted unless given (never invented). */
  readonly informationUri?: string;
  /** An absolute URL prefix of the rule pages (`<prefix><rule>.md`). Omitted unless given. */
  readonly ruleHelpUriBase?: string;
}

// The subset of SARIF 2.1.0 this module writes (see the schema for the full format).
export interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}
export interface SarifRegion {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}
export interface SarifArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}
export interface SarifLocation {
  readonly id?: number;
  readonly physicalLocation: { readonly artifactLocation: SarifArtifactLocation; readonly region: SarifRegion };
  readonly message?: SarifMessage;
}
export interface SarifFix {
  readonly description: SarifMessage;
  readonly artifactChanges: readonly {
    readonly artifactLocation: SarifArtifactLocation;
    readonly replacements: readonly { readonly deletedRegion: SarifRegion; readonly insertedContent?: { readonly text: string } }[];
  }[];
}
export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
  readonly relatedLocations?: readonly SarifLocation[];
  readonly fixes?: readonly SarifFix[];
  readonly properties?: { readonly nodeId?: string };
}
export interface SarifRule {
  readonly id: string;
  readonly name?: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription?: SarifMessage;
  readonly help?: SarifMessage;
  readonly helpUri?: string;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: Readonly<Record<string, unknown>>;
}
export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly {
    readonly tool: {
      readonly driver: {
        readonly name: string;
        readonly version?: string;
        readonly semanticVersion?: string;
        readonly informationUri?: string;
        readonly rules: readonly SarifRule[];
      };
    };
    readonly columnKind: 'utf16CodeUnits';
    readonly results: readonly SarifResult[];
  }[];
}

/** `SharedKernelTenants` from `shared-kernel-tenants`: SARIF's readable rule name. */
function pascal(rule: string): string {
  return rule.replace(/(^|[-_])([a-z0-9])/g, (_, __, c: string) => c.toUpperCase());
}

function ruleFromMeta(m: CheckMeta, options: SarifOptions): SarifRule {
  const linters = m.linters ?? [];
  const textHelp = [m.howToFix, ...(linters.length ? ['', `The same concern in deploy-time linters: ${linters.map((l) => `${l.tool} ${l.id}${l.note ? ` (${l.note})` : ''}`).join('; ')}.`] : [])].join('\n');
  const mdHelp = [
    `**What to do:** ${m.howToFix}`,
    ...(linters.length ? ['', '| deploy-time linter | rule |', '|---|---|', ...linters.map((l) => `| ${l.tool} | \`${l.id}\`${l.note ? ` (${l.note})` : ''} |`)] : []),
    '',
    `Strata documents this rule in \`docs/rules/${m.name}.md\`.`,
  ].join('\n');
  return {
    id: m.name,
    name: pascal(m.name),
    shortDescription: { text: m.summary },
    fullDescription: { text: m.rationale },
    help: { text: textHelp, markdown: mdHelp },
    ...(options.ruleHelpUriBase ? { helpUri: `${options.ruleHelpUriBase}${m.name}.md` } : {}),
    defaultConfiguration: { level: LEVEL[m.defaultSeverity] },
    properties: { category: m.category, tags: ['strata', m.category], fix: m.fix, docs: `docs/rules/${m.name}.md` },
  };
}

/** The descriptors of every rule Strata can report, in registry order (results index into it). */
export function sarifRules(options: SarifOptions = {}): SarifRule[] {
  const rules = CHECKS.map((c) => ruleFromMeta(c.meta, options));
  for (const [id, summary] of Object.entries(FRAMEWORK_RULES)) {
    rules.push({
      id,
      name: pascal(id),
      shortDescription: { text: summary },
      defaultConfiguration: { level: id === 'internal-error' ? 'error' : 'warning' },
      properties: { category: 'framework', tags: ['strata'] },
    });
  }
  return rules;
}

/**
 * A file path as SARIF sees it: relative to %SRCROOT% (with `/`, percent-encoded) when it is
 * relative or inside `cwd`; otherwise an absolute `file:` URI.
 */
export function artifactLocation(file: string, cwd?: string): SarifArtifactLocation {
  const p = file.replace(/\\/g, '/');
  const absolute = /^(?:[A-Za-z]:)?\//.test(p);
  if (absolute && cwd !== undefined) {
    const root = cwd.replace(/\\/g, '/').replace(/\/+$/, '') + '/';
    if (p.startsWith(root)) return relative(p.slice(root.length));
  }
  if (absolute) {
    const drive = /^[A-Za-z]:/.exec(p)?.[0];
    return { uri: `file://${drive ? `/${drive}${encodePath(p.slice(2))}` : encodePath(p)}` };
  }
  return relative(p);
}

function relative(p: string): SarifArtifactLocation {
  return { uri: encodePath(p.replace(/\/{2,}/g, '/').replace(/^(?:\.\/)+/, '')), uriBaseId: SRCROOT };
}

/** Percent-encode each path segment (keeps `/`; a `:` is encoded so a relative path cannot read as a scheme). */
function encodePath(p: string): string {
  return p
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

function region(lines: LineIndex, span: Span): SarifRegion {
  const r = lines.rangeOf(span);
  return { startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 };
}

/** Findings of several files as one SARIF 2.1.0 log. Deterministic for the same input. */
export function toSarif(files: readonly FileFindings[], options: SarifOptions = {}): SarifLog {
  const rules = sarifRules(options);
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const results: SarifResult[] = [];
  for (const f of files) {
    const artifact = artifactLocation(f.file, options.cwd);
    for (const d of f.findings) {
      let ruleIndex = index.get(d.rule);
      if (ruleIndex === undefined) {
        // A rule outside the registry (should not happen): describe it rather than drop the result.
        ruleIndex = rules.length;
        rules.push({ id: d.rule, shortDescription: { text: d.rule }, defaultConfiguration: { level: LEVEL[d.severity] }, properties: { tags: ['strata'] } });
        index.set(d.rule, ruleIndex);
      }
      const related = (d.related ?? []).map((r, i) => {
        if (r.file !== undefined && r.line !== undefined) {
          return { id: i + 1, physicalLocation: { artifactLocation: { uri: r.file.split('\\').join('/') }, region: { startLine: r.line, startColumn: 1, endLine: r.line, endColumn: 1 } }, message: { text: r.message } };
        }
        const at = relatedPlace(f, r);
        return { id: i + 1, physicalLocation: { artifactLocation: at.other ? artifactLocation(at.file, options.cwd) : artifact, region: region(at.lines, r.span) }, message: { text: r.message } };
      });
      const fixes = (d.fixes ?? []).map((x) => ({
        description: { text: x.title },
        artifactChanges: [
          {
            artifactLocation: artifact,
            replacements: x.edits.map((e) => ({ deletedRegion: region(f.lines, e.span), ...(e.newText ? { insertedContent: { text: e.newText } } : {}) })),
          },
        ],
      }));
      results.push({
        ruleId: d.rule,
        ruleIndex,
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: artifact, region: region(f.lines, d.span) } }],
        ...(related.length ? { relatedLocations: related } : {}),
        ...(fixes.length ? { fixes } : {}),
        ...(d.nodeId !== undefined ? { properties: { nodeId: d.nodeId } } : {}),
      });
    }
  }
  const version = options.toolVersion;
  const semver = version !== undefined && /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(version);
  const info = options.informationUri !== undefined && /^https?:\/\/\S+$/.test(options.informationUri) ? options.informationUri : undefined;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'Strata',
            ...(version !== undefined ? { version } : {}),
            ...(semver ? { semanticVersion: version } : {}),
            ...(info ? { informationUri: info } : {}),
            rules,
          },
        },
        columnKind: 'utf16CodeUnits',
        results,
      },
    ],
  };
}
