// Prints a syntax tree as an indented outline for snapshot tests (positions as line:col).
import type { FileNode, Statement, Value } from '../../src/core/syntax/ast';
import { LineIndex } from '../../src/core/text/lineIndex';

export function printTree(tree: FileNode, text: string): string {
  const lines = new LineIndex(text);
  const at = (o: number) => {
    const p = lines.positionAt(o);
    return `${p.line + 1}:${p.character + 1}`;
  };
  const out: string[] = [];
  const value = (v: Value): string => {
    switch (v.type) {
      case 'list':
        return `[${v.items.map(value).join(', ')}]`;
      case 'quantity':
        return `${v.value}${v.unit}`;
      case 'string':
        return JSON.stringify(v.value) + (v.terminated ? '' : '(unterminated)');
      default:
        return `${v.type}:${String(v.value)}`;
    }
  };
  const stack: { s: readonly Statement[]; i: number; indent: string }[] = [{ s: tree.statements, i: 0, indent: '' }];
  while (stack.length) {
    const f = stack[stack.length - 1];
    if (f.i >= f.s.length) {
      stack.pop();
      continue;
    }
    const st = f.s[f.i++];
    if (st.type === 'property') out.push(`${f.indent}${st.key.text}: ${st.value ? value(st.value) : '<missing>'} @${at(st.start)}`);
    else if (st.type === 'link') out.push(`${f.indent}${st.from.text} -> ${st.to?.text ?? '<missing>'}${st.label ? ` ${JSON.stringify(st.label.value)}` : ''} @${at(st.start)}`);
    else if (st.type === 'extend') {
      out.push(`${f.indent}extend ${st.target?.text ?? '<missing id>'}${st.body ? (st.body.close < 0 ? ' {unclosed' : ' {') : ''} @${at(st.start)}-${at(st.end)}`);
      if (st.body) stack.push({ s: st.body.statements, i: 0, indent: f.indent + '  ' });
    } else {
      out.push(
        `${f.indent}${st.kind} ${st.id?.text ?? '<missing id>'}${st.label ? ` ${JSON.stringify(st.label.value)}` : ''}${st.body ? (st.body.close < 0 ? ' {unclosed' : ' {') : ''} @${at(st.start)}-${at(st.end)}`,
      );
      if (st.body) stack.push({ s: st.body.statements, i: 0, indent: f.indent + '  ' });
    }
  }
  for (const c of tree.comments) out.push(`comment @${at(c.start)} ${JSON.stringify(c.text.slice(0, 40))}`);
  return out.join('\n');
}
