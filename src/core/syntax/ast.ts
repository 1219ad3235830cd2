// The syntax tree of a Strata file. Every node keeps exact offsets into the source text
// (half-open [start, end)); line and column are computed only at the edges (text/lineIndex.ts).

/** A half-open range of UTF-16 offsets into the document text. */
export interface Span {
  readonly start: number;
  readonly end: number;
  /**
   * The project file the offsets are in (core/project). Set only on spans parsed as part of a
   * project (`parse(text, file)`); a lone file's spans have none.
   */
  readonly file?: string;
}

/** The reserved node kinds of the language, in the order the language page lists them. */
export const KINDS = ['group', 'host', 'hypervisor', 'vm', 'engine', 'pod', 'container', 'app', 'tenant'] as const;
export type Kind = (typeof KINDS)[number];

export function isKind(word: string): word is Kind {
  return (KINDS as readonly string[]).includes(word);
}

/** What an id may be: letters, digits, `_` and `-`, starting with a letter or `_` (no `.`). */
export const ID_RE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** A name as written in the source (an id, a property key, a link end). */
export interface Name extends Span {
  readonly text: string;
}

export interface StringLiteral extends Span {
  readonly type: 'string';
  /** The unescaped value. */
  readonly value: string;
  /** False when the closing quote is missing (a syntax error was reported). */
  readonly terminated: boolean;
}

export interface NumberLiteral extends Span {
  readonly type: 'number';
  readonly value: number;
}

/** A number directly followed by a unit, e.g. `512MiB`, `500m`, `45s`. The unit is not validated here. */
export interface QuantityLiteral extends Span {
  readonly type: 'quantity';
  readonly value: number;
  readonly unit: string;
}

export interface BooleanLiteral extends Span {
  readonly type: 'boolean';
  readonly value: boolean;
}

/** A bare word such as `ubuntu-22.04`, `runc`, `host` or `internal`. */
export interface WordLiteral extends Span {
  readonly type: 'word';
  readonly value: string;
}

export interface ListLiteral extends Span {
  readonly type: 'list';
  readonly items: readonly Value[];
}

export type Value = StringLiteral | NumberLiteral | QuantityLiteral | BooleanLiteral | WordLiteral | ListLiteral;

/** `KIND ID ["Label"] [{ statements }]` */
export interface NodeDecl extends Span {
  readonly type: 'node';
  readonly kind: Kind;
  readonly kindSpan: Span;
  /** Missing when the source omitted it (a syntax error was reported). */
  readonly id?: Name;
  readonly label?: StringLiteral;
  readonly body?: Block;
}

export interface Block extends Span {
  /** Offset of `{`. */
  readonly open: number;
  /** Offset of `}`, or -1 when the block was never closed. */
  readonly close: number;
  readonly statements: readonly Statement[];
}

/** `KEY: VALUE` */
export interface Property extends Span {
  readonly type: 'property';
  readonly key: Name;
  /** Missing when nothing valid followed the colon (a syntax error was reported). */
  readonly value?: Value;
}

/** `ID -> ID ["Label"]` */
export interface Link extends Span {
  readonly type: 'link';
  readonly from: Name;
  readonly to?: Name;
  readonly label?: StringLiteral;
}

/**
 * `extend ID { statements }` (version 2), at the top level of a file: adds children, properties
 * and links to the node ID, which this file or another file of the project declares.
 */
export interface ExtendDecl extends Span {
  readonly type: 'extend';
  /** The `extend` keyword. */
  readonly keywordSpan: Span;
  /** The id of the extended node; missing when the source omitted it (a syntax error). */
  readonly target?: Name;
  readonly body?: Block;
}

export type Statement = NodeDecl | Property | Link | ExtendDecl;

export interface Comment extends Span {
  readonly text: string;
  readonly block: boolean;
}

export interface FileNode extends Span {
  readonly type: 'file';
  readonly statements: readonly Statement[];
  /** Every comment in the file, in order (used by suppressions, hover and the formatter). */
  readonly comments: readonly Comment[];
}
