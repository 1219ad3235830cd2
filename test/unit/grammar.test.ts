// The TextMate grammar (syntaxes/strata.tmLanguage.json), run by the same engine VS Code uses
// (vscode-textmate + vscode-oniguruma): scopes on sample lines, every example file, and
// pathological lines that would expose catastrophic backtracking. Also the regular expressions
// of language-configuration.json.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as oniguruma from 'vscode-oniguruma';
import * as vsctm from 'vscode-textmate';
import { EXAMPLES, ROOT, strataFiles } from '../helpers/paths';

const GRAMMAR_PATH = path.join(ROOT, 'syntaxes', 'strata.tmLanguage.json');
const WASM_PATH = path.join(ROOT, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm');
const LANGUAGE_CONFIG_PATH = path.join(ROOT, 'language-configuration.json');

interface Token {
  readonly text: string;
  readonly scopes: readonly string[];
}

let wasmLoaded: Promise<void> | undefined;
function loadOniguruma(): Promise<void> {
  if (!wasmLoaded) {
    const wasm = fs.readFileSync(WASM_PATH);
    wasmLoaded = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  }
  return wasmLoaded;
}

async function loadGrammar(): Promise<vsctm.IGrammar> {
  await loadOniguruma();
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (sources: string[]) => new oniguruma.OnigScanner(sources),
      createOnigString: (s: string) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName: string) =>
      scopeName === 'source.strata' ? vsctm.parseRawGrammar(fs.readFileSync(GRAMMAR_PATH, 'utf8'), GRAMMAR_PATH) : null,
  });
  const grammar = await registry.loadGrammar('source.strata');
  assert.ok(grammar, 'the grammar source.strata did not load');
  return grammar;
}

describe('TextMate grammar (syntaxes/strata.tmLanguage.json)', () => {
  let grammar: vsctm.IGrammar;

  before(async () => {
    grammar = await loadGrammar();
  });

  /** Tokenize a text: one token list per line; the state carries over between lines. */
  function tokenize(text: string): Token[][] {
    let state = vsctm.INITIAL;
    return text.split(/\r?\n/).map((line) => {
      const r = grammar.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  }

  /** The scopes of the token that is exactly `piece` (the nth such token) on a one-line or multi-line text. */
  function scopesOf(text: string, piece: string, nth = 0, line?: number): readonly string[] {
    const lines = tokenize(text);
    const candidates = (line === undefined ? lines.flat() : lines[line]).filter((t) => t.text === piece);
    const found = candidates[nth];
    assert.ok(
      found,
      `no token '${piece}' (#${nth}) in ${JSON.stringify(text)}; tokens: ${JSON.stringify((line === undefined ? lines.flat() : lines[line]).map((t) => t.text))}`,
    );
    return found.scopes;
  }

  /** Assert that some scope of the token starts with `scope` (TextMate scope prefixes: `storage.type` matches `storage.type.kind.host.strata`). */
  function hasScope(scopes: readonly string[], scope: string, what: string): void {
    assert.ok(
      scopes.some((s) => s === scope || s.startsWith(scope + '.')),
      `${what}: expected a scope starting with '${scope}', got [${scopes.join(', ')}]`,
    );
  }
  function lacksScope(scopes: readonly string[], scope: string, what: string): void {
    assert.ok(
      !scopes.some((s) => s === scope || s.startsWith(scope + '.')),
      `${what}: expected no scope starting with '${scope}', got [${scopes.join(', ')}]`,
    );
  }

  it('has the scope name source.strata', () => {
    const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as { scopeName: string };
    assert.equal(raw.scopeName, 'source.strata');
  });

  describe('nodes', () => {
    for (const kind of ['group', 'host', 'hypervisor', 'vm', 'engine', 'pod', 'container', 'app', 'tenant']) {
      it(`'${kind} my-${kind}-1 {': the kind is a keyword, the id a type name`, () => {
        const line = `  ${kind} my-${kind}-1 {`;
        hasScope(scopesOf(line, kind), 'storage.type', kind);
        hasScope(scopesOf(line, `my-${kind}-1`), 'entity.name.type', `id after ${kind}`);
        hasScope(scopesOf(line, '{'), 'punctuation.section.block.begin', '{');
      });
    }

    it('a node with a label and no block, and a node on one line with properties', () => {
      const text = 'host rack1 "Dell R750 #1" {\n  app nginx\n}\nhost laptop { os: windows-11; hypervisor vbox { product: virtualbox } }';
      hasScope(scopesOf(text, 'rack1'), 'entity.name.type', 'rack1');
      hasScope(scopesOf(text, 'Dell R750 #1'), 'string.quoted.double', 'label');
      lacksScope(scopesOf(text, 'Dell R750 #1'), 'comment', 'a # inside a string');
      hasScope(scopesOf(text, 'app'), 'storage.type', 'app');
      hasScope(scopesOf(text, 'nginx'), 'entity.name.type', 'nginx');
      hasScope(scopesOf(text, 'hypervisor'), 'storage.type', 'hypervisor after ;');
      hasScope(scopesOf(text, 'vbox'), 'entity.name.type', 'vbox');
      hasScope(scopesOf(text, 'virtualbox'), 'meta.property', 'virtualbox');
      hasScope(scopesOf(text, ';'), 'punctuation.terminator.statement', ';');
      hasScope(scopesOf(text, '}', 0, 2), 'punctuation.section.block.end', '}');
    });

    it('a kind inside a longer word is not a keyword', () => {
      lacksScope(scopesOf('  hostname: web1', 'hostname'), 'storage.type', 'hostname');
      lacksScope(scopesOf('web-app -> apps', 'web-app'), 'storage.type', 'web-app');
    });
  });

  describe('properties', () => {
    it("'memory: 512MiB': the key is a property name", () => {
      hasScope(scopesOf('  memory: 512MiB', 'memory'), 'variable.other.property', 'memory');
      hasScope(scopesOf('  memory: 512MiB', ':'), 'punctuation.separator.key-value', ':');
    });

    it("'tenant: finance' is a property, not a tenant node", () => {
      for (const line of ['  tenant: finance', '  tenant : finance', 'app: x', 'container:x']) {
        const key = line.trim().split(/[\s:]/)[0];
        const scopes = scopesOf(line, key);
        hasScope(scopes, 'variable.other.property', line);
        lacksScope(scopes, 'storage.type', line);
      }
      hasScope(scopesOf('  tenant: finance', 'finance'), 'variable.other.constant', 'finance');
      lacksScope(scopesOf('  tenant: finance', 'finance'), 'entity.name.type', 'finance');
    });

    it('catalogue values stay one token: ubuntu-22.04, windows-server-2022, 1.4.2', () => {
      hasScope(scopesOf('os: ubuntu-22.04', 'ubuntu-22.04'), 'variable.other.constant', 'ubuntu-22.04');
      hasScope(scopesOf('os: windows-server-2022 # x', 'windows-server-2022'), 'variable.other.constant', 'windows-server-2022');
      hasScope(scopesOf('version: 1.4.2', '1.4.2'), 'variable.other.constant', '1.4.2');
    });

    it('several properties on one line, ended by ; and }', () => {
      const line = 'container c { memory: 1GiB; cpu: 1 }';
      hasScope(scopesOf(line, 'memory'), 'variable.other.property', 'memory');
      hasScope(scopesOf(line, 'cpu'), 'variable.other.property', 'cpu');
      hasScope(scopesOf(line, '}'), 'punctuation.section.block.end', '}');
      lacksScope(scopesOf(line, '}'), 'meta.property', '} ends the property');
      hasScope(scopesOf('x: {', '{'), 'punctuation.section.block.begin', '{ ends the property');
      hasScope(scopesOf('startup: 2min, 45s', ','), 'punctuation.separator.comma', ', in a value');
    });

    it('booleans and lists', () => {
      hasScope(scopesOf('privileged: true', 'true'), 'constant.language.boolean', 'true');
      hasScope(scopesOf('privileged: false', 'false'), 'constant.language.boolean', 'false');
      const list = 'tags: [a, "b", 4GiB]';
      hasScope(scopesOf(list, '['), 'punctuation.section.brackets.begin', '[');
      hasScope(scopesOf(list, ','), 'punctuation.separator.comma', ',');
      hasScope(scopesOf(list, '4'), 'constant.numeric', '4 in a list');
      hasScope(scopesOf(list, ']'), 'punctuation.section.brackets.end', ']');
    });
  });

  describe('numbers and quantities', () => {
    const cases: [string, string, string][] = [
      ['512MiB', '512', 'MiB'],
      ['500m', '500', 'm'],
      ['45s', '45', 's'],
      ['2min', '2', 'min'],
      ['4TB', '4', 'TB'],
      ['250ms', '250', 'ms'],
      ['0.5GiB', '0.5', 'GiB'],
      ['1B', '1', 'B'],
    ];
    for (const [q, n, unit] of cases) {
      it(`${q}: the number is numeric, ${unit} is the unit`, () => {
        const line = `x: ${q}`;
        hasScope(scopesOf(line, n), 'constant.numeric', n);
        hasScope(scopesOf(line, unit), 'keyword.other.unit', unit);
      });
    }

    it('plain numbers', () => {
      hasScope(scopesOf('cpu: 64', '64'), 'constant.numeric', '64');
      hasScope(scopesOf('cpu: 0.5', '0.5'), 'constant.numeric', '0.5');
      hasScope(scopesOf('type: 1', '1'), 'constant.numeric', '1');
    });

    it('a unit the language does not know is marked invalid (units are case-sensitive)', () => {
      hasScope(scopesOf('memory: 8gb', 'gb'), 'invalid.illegal', 'gb');
      hasScope(scopesOf('memory: 8Gi', 'Gi'), 'invalid.illegal', 'Gi');
      hasScope(scopesOf('cpu: 5mx', 'mx'), 'invalid.illegal', 'mx');
    });
  });

  describe('strings', () => {
    it('escapes \\" and \\\\ inside strings', () => {
      const line = 'image: "a\\"b\\\\c"';
      hasScope(scopesOf(line, '\\"'), 'constant.character.escape', '\\"');
      hasScope(scopesOf(line, '\\\\'), 'constant.character.escape', '\\\\');
      hasScope(scopesOf(line, 'c'), 'string.quoted.double', 'after the escapes');
      hasScope(scopesOf(line, '"', 1), 'punctuation.definition.string.end', 'closing quote');
    });

    it('an escaped quote does not end the string', () => {
      hasScope(scopesOf('label: "say \\"hi\\" # not a comment"', ' # not a comment'), 'string.quoted.double', 'after \\"');
    });

    it('an unclosed string ends at the end of its line', () => {
      const text = 'image: "acme/api:1.0\nmemory: 1GiB';
      hasScope(scopesOf(text, 'acme/api:1.0'), 'string.quoted.double', 'unclosed');
      hasScope(scopesOf(text, 'memory', 0, 1), 'variable.other.property', 'next line');
      lacksScope(scopesOf(text, 'memory', 0, 1), 'string', 'next line');
    });
  });

  describe('comments', () => {
    it('# and // line comments, also after a value', () => {
      hasScope(scopesOf('# a comment', ' a comment'), 'comment.line.number-sign', '#');
      hasScope(scopesOf('// a comment', ' a comment'), 'comment.line.double-slash', '//');
      hasScope(scopesOf('  product: esxi   # type 1', ' type 1'), 'comment.line', 'after a value');
      hasScope(scopesOf('host h1 { // rack 4', ' rack 4'), 'comment.line', 'after {');
    });

    it('/* */ block comments, over several lines', () => {
      const text = 'host a /* one\ntwo host b\nthree */ host c';
      hasScope(scopesOf(text, '/*'), 'comment.block', '/*');
      hasScope(scopesOf(text, 'two host b'), 'comment.block', 'second line');
      hasScope(scopesOf(text, '*/'), 'comment.block', '*/');
      hasScope(scopesOf(text, 'host', 0, 2), 'storage.type', 'after the comment');
      hasScope(scopesOf(text, 'c', 0, 2), 'entity.name.type', 'after the comment');
    });

    it('a strata-ignore suppression is highlighted: keyword, rule name, reason', () => {
      const line = '# strata-ignore no-memory-limit: batch job, bounded by the VM';
      hasScope(scopesOf(line, 'strata-ignore'), 'keyword.other.suppression', 'strata-ignore');
      hasScope(scopesOf(line, 'strata-ignore'), 'comment.line', 'strata-ignore is in a comment');
      hasScope(scopesOf(line, 'no-memory-limit'), 'constant.language.rule', 'rule name');
      hasScope(scopesOf(line, ' batch job, bounded by the VM'), 'meta.suppression.reason', 'reason');
      hasScope(scopesOf('  // strata-ignore vm-for-single-app: licence', 'strata-ignore'), 'keyword.other.suppression', '//');
    });

    it('strata-ignore in the middle of a comment or in a block comment is plain comment text', () => {
      lacksScope(scopesOf('# see strata-ignore', ' see strata-ignore'), 'keyword', 'mid-comment');
      lacksScope(scopesOf('/* strata-ignore x: y */', ' strata-ignore x: y '), 'keyword', 'block comment');
    });
  });

  describe('links', () => {
    it("'web -> ledger \"REST\"': arrow operator, ends and label", () => {
      const line = 'web -> ledger "REST"';
      hasScope(scopesOf(line, '->'), 'keyword.operator', '->');
      hasScope(scopesOf(line, 'web'), 'entity.name.type', 'from');
      hasScope(scopesOf(line, 'ledger'), 'entity.name.type', 'to');
      hasScope(scopesOf(line, 'REST'), 'string.quoted.double', 'label');
    });

    it("'ledger-vm->web-1' without spaces: the '-' of '->' is not part of an id", () => {
      const line = 'ledger-vm->web-1';
      hasScope(scopesOf(line, 'ledger-vm'), 'entity.name.type', 'from');
      hasScope(scopesOf(line, '->'), 'keyword.operator', '->');
      hasScope(scopesOf(line, 'web-1'), 'entity.name.type', 'to');
    });
  });

  describe('the example files', () => {
    const files = strataFiles(EXAMPLES);

    it('there are examples to check', () => {
      assert.ok(files.length >= 5, `expected the examples in ${EXAMPLES}`);
    });

    for (const file of files) {
      const name = path.relative(EXAMPLES, file);
      it(`${name}: every line tokenizes, node lines start with a kind, clean files have nothing invalid`, () => {
        const text = fs.readFileSync(file, 'utf8');
        const lines = tokenize(text);
        const raw = text.split(/\r?\n/);
        const broken = name.startsWith('broken');
        lines.forEach((tokens, i) => {
          assert.equal(tokens.map((t) => t.text).join(''), raw[i], `line ${i + 1} is covered by its tokens`);
          const m = /^\s*(group|host|hypervisor|vm|engine|pod|container|app|tenant)\s+([A-Za-z_][A-Za-z0-9_-]*)/.exec(raw[i]);
          if (m) {
            hasScope(tokens.find((t) => t.text === m[1])!.scopes, 'storage.type', `${name}:${i + 1} kind`);
            hasScope(tokens.find((t) => t.text === m[2])!.scopes, 'entity.name.type', `${name}:${i + 1} id`);
          }
          if (!broken) for (const t of tokens) lacksScope(t.scopes, 'invalid', `${name}:${i + 1} '${t.text}'`);
        });
      });
    }
  });

  describe('no catastrophic backtracking', () => {
    const N = 20_000;
    const digitsX = '7'.repeat(N) + 'x';
    const lines: [string, string][] = [
      ['20k letters', 'a'.repeat(N)],
      ['a quote and 20k backslashes', '"' + '\\'.repeat(N)],
      ['a quote and 20k escaped quotes, unclosed', '"' + '\\"'.repeat(N / 2)],
      ['20k dashes', '-'.repeat(N)],
      ['20k arrows', '->'.repeat(N / 2)],
      ['/* and 20k stars', '/*' + '*'.repeat(N)],
      ['20k digits and x', digitsX],
      ['a key, then 20k digits and x', 'memory: ' + digitsX],
      ['a key, then 20k digits with dots', 'v: ' + '1.'.repeat(N / 2)],
      ['a kind and a 20k id without a colon', 'host ' + 'h'.repeat(N)],
      ['20k word characters and dashes, then a colon', 'a-'.repeat(N / 2) + ' :'],
      ['20k spaces then a colon', 'tenant' + ' '.repeat(N) + 'x'],
      ['20k tabs after a suppression', '# strata-ignore' + '\t'.repeat(N) + 'rule'],
      ['20k colons', ':'.repeat(N)],
      ['20k opening brackets', 'x: ' + '['.repeat(N)],
      ['20k unit letters', 'memory: 1' + 'GiB'.repeat(N / 3)],
      ['a mix', 'host a-b "x\\" y" { m: 5Gi; '.repeat(N / 30) + '->-a-' + '9.'.repeat(N / 4)],
      ['a random mix of the grammar’s characters', pseudoRandom(N)],
    ];

    for (const [what, line] of lines) {
      it(`${what} (${line.length} characters) tokenizes in under 1 s`, () => {
        const start = process.hrtime.bigint();
        const r = grammar.tokenizeLine(line, vsctm.INITIAL);
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        assert.equal(r.stoppedEarly, false);
        assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
      });
    }
  });

  it('no regular expression in the grammar repeats a group that itself repeats (nested quantifiers)', () => {
    const raw = JSON.parse(fs.readFileSync(GRAMMAR_PATH, 'utf8')) as unknown;
    const found: string[] = [];
    visitRegexes(raw, (re) => {
      const problem = nestedQuantifier(re);
      if (problem) found.push(`${problem} in ${re}`);
    });
    assert.deepEqual(found, []);
  });
});

describe('language-configuration.json', () => {
  const config = JSON.parse(fs.readFileSync(LANGUAGE_CONFIG_PATH, 'utf8')) as {
    wordPattern: string;
    comments: { lineComment: string; blockComment: [string, string] };
    indentationRules: { increaseIndentPattern: string; decreaseIndentPattern: string };
    onEnterRules: { beforeText: string; afterText?: string }[];
  };

  it('comments are # and /* */', () => {
    assert.equal(config.comments.lineComment, '#');
    assert.deepEqual(config.comments.blockComment, ['/*', '*/']);
  });

  it('the word pattern keeps ids and catalogue values whole', () => {
    const words = (s: string) => s.match(new RegExp(config.wordPattern, 'g'));
    assert.deepEqual(words('os: ubuntu-22.04;'), ['os', 'ubuntu-22.04']);
    assert.deepEqual(words('vm ledger-vm "Ledger" {'), ['vm', 'ledger-vm', 'Ledger']);
    assert.deepEqual(words('web->db'), ['web', 'db']);
    assert.deepEqual(words('memory: 512MiB'), ['memory', '512MiB']);
    assert.deepEqual(words('see ubuntu-22.04.'), ['see', 'ubuntu-22.04']);
  });

  it('indents after { and outdents on }', () => {
    const inc = new RegExp(config.indentationRules.increaseIndentPattern);
    const dec = new RegExp(config.indentationRules.decreaseIndentPattern);
    assert.ok(inc.test('host rack1 "Dell #1" {'));
    assert.ok(inc.test('  vm node1 {   # comment'));
    assert.ok(!inc.test('host laptop { os: windows-11 }'));
    assert.ok(dec.test('  }'));
    assert.ok(!dec.test('  app web'));
  });

  it('its regular expressions are fast on 20,000-character lines', () => {
    const patterns = [
      config.wordPattern,
      config.indentationRules.increaseIndentPattern,
      config.indentationRules.decreaseIndentPattern,
      ...config.onEnterRules.flatMap((r) => [r.beforeText, ...(r.afterText ? [r.afterText] : [])]),
    ];
    const N = 20_000;
    const inputs = ['{'.repeat(N) + '"', '['.repeat(N) + '"', ' '.repeat(N) + 'x', '/*' + '*'.repeat(N), ' *' + ' '.repeat(N) + '*', 'a-'.repeat(N / 2) + '-', pseudoRandom(N)];
    for (const p of patterns) {
      for (const input of inputs) {
        const start = process.hrtime.bigint();
        input.match(new RegExp(p, 'g'));
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        assert.ok(ms < 1000, `/${p}/ took ${ms.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 20))}…`);
      }
    }
  });
});

/** A deterministic line of `n` characters drawn from the characters the grammar cares about. */
function pseudoRandom(n: number): string {
  const alphabet = 'aZ_09-.:;{}[],"\\/#* \t>mMiBs';
  let x = 12345;
  let s = '';
  for (let i = 0; i < n; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    s += alphabet[x % alphabet.length];
  }
  return s;
}

/** Call `f` on every match, begin and end regex in a raw grammar. */
function visitRegexes(node: unknown, f: (re: string) => void): void {
  if (Array.isArray(node)) {
    for (const n of node) visitRegexes(n, f);
  } else if (node && typeof node === 'object') {
    for (const [k, v] of Object.entries(node)) {
      if ((k === 'match' || k === 'begin' || k === 'end' || k === 'while') && typeof v === 'string') f(v);
      else visitRegexes(v, f);
    }
  }
}

/**
 * A group repeated with `*`, `+` or `{n,}` whose body also contains a repetition: the shape of
 * catastrophic backtracking. (`?` is not a repetition.) Returns a description or undefined.
 */
function nestedQuantifier(re: string): string | undefined {
  const stack: { start: number; repeats: boolean }[] = [];
  const isRepeat = (i: number) => re[i] === '*' || re[i] === '+' || (re[i] === '{' && /^\{\d*,\d*\}/.test(re.slice(i)) && !/^\{\d+\}/.test(re.slice(i)));
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\') {
      i++;
      if (isRepeat(i + 1) && stack.length) stack[stack.length - 1].repeats = true;
      continue;
    }
    if (c === '[') {
      // Skip a character class (a ']' right after '[' or '[^' is literal).
      i++;
      if (re[i] === '^') i++;
      if (re[i] === ']') i++;
      while (i < re.length && re[i] !== ']') {
        if (re[i] === '\\') i++;
        i++;
      }
      if (isRepeat(i + 1) && stack.length) stack[stack.length - 1].repeats = true;
      continue;
    }
    if (c === '(') {
      stack.push({ start: i, repeats: false });
      continue;
    }
    if (c === ')') {
      const g = stack.pop();
      if (!g) continue;
      if (isRepeat(i + 1) && g.repeats) return `the group at ${g.start} repeats and contains a repetition`;
      if ((g.repeats || isRepeat(i + 1)) && stack.length) stack[stack.length - 1].repeats = true;
      continue;
    }
    // A repetition of a single character or escape.
    if (isRepeat(i + 1) && stack.length && c !== '(' && c !== '|') stack[stack.length - 1].repeats = true;
  }
  return undefined;
}
