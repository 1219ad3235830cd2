// Formats findings for people and machines: compiler-style text, JSON with zero-based ranges,
// and GitHub workflow annotations (user text escaped so no label can start a second annotation).
import type { Finding, RelatedInfo, Severity } from '../diagnostics';
import type { LineIndex, Range } from '../text/lineIndex';
import { visibleControls } from '../text/controls';

export interface FileFindings {
  /** The path as the user should see it. */
  readonly file: string;
  readonly findings: readonly Finding[];
  readonly lines: LineIndex;
  /**
   * For a file of a project: where another project file is (how it is shown, its lines), for
   * related locations in other files (`RelatedInfo.file`).
   */
  readonly locate?: (file: string) => { readonly file: string; readonly lines: LineIndex } | undefined;
}

/** Where a related location is: its own file's path and lines, or the finding's. */
export function relatedPlace(f: FileFindings, r: RelatedInfo): { file: string; lines: LineIndex; other: boolean } {
  const other = r.file !== undefined && f.locate ? f.locate(r.file) : undefined;
  return other ? { ...other, other: true } : { file: f.file, lines: f.lines, other: false };
}

export interface JsonFinding {
  readonly file: string;
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  /** `file`: in a project, the file the related location is in (it may differ from the finding's). */
  readonly related?: readonly { readonly message: string; readonly range: Range; readonly file?: string }[];
  readonly nodeId?: string;
  readonly fixes?: readonly { readonly title: string; readonly safe: boolean }[];
}

export function toJson(files: readonly FileFindings[]): JsonFinding[] {
  const out: JsonFinding[] = [];
  for (const f of files) {
    for (const d of f.findings) {
      out.push({
        file: f.file,
        rule: d.rule,
        severity: d.severity,
        message: d.message,
        range: f.lines.rangeOf(d.span),
        ...(d.related
          ? {
              related: d.related.map((r) => {
                if (r.file !== undefined && r.line !== undefined) return { message: r.message, file: r.file, range: lineRange(r.line) };
                const at = relatedPlace(f, r);
                return { message: r.message, range: at.lines.rangeOf(r.span), ...(f.locate ? { file: at.file } : {}) };
              }),
            }
          : {}),
        ...(d.nodeId !== undefined ? { nodeId: d.nodeId } : {}),
        ...(d.fixes ? { fixes: d.fixes.map((x) => ({ title: x.title, safe: x.safe })) } : {}),
      });
    }
  }
  return out;
}

/** The zero-based range of a 1-based line in another file (its start). */
function lineRange(line: number | undefined): Range {
  const l = Math.max(0, (line ?? 1) - 1);
  return { start: { line: l, character: 0 }, end: { line: l, character: 0 } };
}

export interface Counts {
  errors: number;
  warnings: number;
  infos: number;
}

export function countFindings(files: readonly FileFindings[]): Counts {
  const c: Counts = { errors: 0, warnings: 0, infos: 0 };
  for (const f of files)
    for (const d of f.findings) {
      if (d.severity === 'error') c.errors++;
      else if (d.severity === 'warning') c.warnings++;
      else c.infos++;
    }
  return c;
}

const plural = (n: number, one: string, many = one + 's') => `${n} ${n === 1 ? one : many}`;

function summaryLine(files: readonly FileFindings[]): string {
  const c = countFindings(files);
  return `${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}, ${plural(c.infos, 'info', 'infos')} in ${plural(files.length, 'file')}`;
}

/** `path:line:col: severity rule: message` (one-based, like compilers), related lines indented, then a summary. */
export function toText(files: readonly FileFindings[]): string {
  const lines: string[] = [];
  for (const f of files) {
    for (const d of f.findings) {
      const p = f.lines.positionAt(d.span.start);
      lines.push(`${oneLine(f.file)}:${p.line + 1}:${p.character + 1}: ${d.severity} ${d.rule}: ${oneLine(d.message)}`);
      for (const r of d.related ?? []) {
        if (r.file !== undefined && r.line !== undefined) {
          lines.push(`  ${oneLine(r.file)}:${r.line}: note: ${oneLine(r.message)}`);
          continue;
        }
        const at = relatedPlace(f, r);
        const q = at.lines.positionAt(r.span.start);
        lines.push(`  ${oneLine(at.file)}:${q.line + 1}:${q.character + 1}: note: ${oneLine(r.message)}`);
      }
    }
  }
  lines.push(summaryLine(files));
  return lines.join('\n') + '\n';
}

/**
 * Text of several lines for a terminal: every control character but the line feed and tab (ESC,
 * CR and the rest of C0, DEL and C1) and every bidirectional control is shown as `<U+XXXX>`, so
 * no text in it can send escape sequences or reorder what the terminal shows ("Trojan Source").
 */
export function terminalText(s: string): string {
  return visibleControls(s);
}

/**
 * Text for one line of a terminal: line breaks become a space, and other control characters
 * (ESC and the rest of C0 and C1, but not tab) and bidirectional controls are shown as
 * `<U+XXXX>`, so a label in a model can neither add lines nor send escape sequences to the
 * terminal (clear the screen, set its title, …) nor reorder the line.
 */
export function oneLine(s: string): string {
  return terminalText(s.replace(/[\r\n]+/g, ' '));
}

/**
 * Escape the message part of a workflow command: `%`, CR and LF as GitHub decodes them (so no
 * text can end the command and start another), other controls and bidirectional controls shown
 * as `<U+XXXX>` (they would reach the log and the annotation raw).
 */
export function escapeGithubData(s: string): string {
  return visibleControls(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escape a property value of a workflow command (also `:` and `,`). */
export function escapeGithubProperty(s: string): string {
  return escapeGithubData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

const GITHUB_LEVEL: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

/** One `::error file=…::message` line per finding. */
export function toGithub(files: readonly FileFindings[]): string {
  const out: string[] = [];
  for (const f of files) {
    for (const d of f.findings) {
      const r = f.lines.rangeOf(d.span);
      const props = [
        `file=${escapeGithubProperty(f.file)}`,
        `line=${r.start.line + 1}`,
        `col=${r.start.character + 1}`,
        `endLine=${r.end.line + 1}`,
        `endColumn=${r.end.character + 1}`,
        `title=${escapeGithubProperty(`strata ${d.rule}`)}`,
      ];
      out.push(`::${GITHUB_LEVEL[d.severity]} ${props.join(',')}::${escapeGithubData(d.message)}`);
    }
  }
  return out.join('\n') + (out.length ? '\n' : '');
}
