// The words the parser and binder share one string for (syntax/intern.ts): kinds, property keys,
// their enumerated values, units, booleans and catalogue ids. `registerLanguageWords()` puts them
// in the intern table; `analyze` calls it before it parses. It is explicit (no module registers
// words when it is imported), idempotent and cheap after the first call. Interning only saves
// memory and time: a parse before it gives the same tree.
import { catalogueIds } from '../catalogue';
import { registerWords } from '../syntax/intern';
import { KINDS } from '../syntax/ast';
import { BYTE_UNITS, PROPERTIES, TIME_UNITS, allowedWords } from './schemas';

let registered = false;

/** Register the language's recurring words with the interner (once; later calls do nothing). */
export function registerLanguageWords(): void {
  if (registered) return;
  registered = true;
  registerWords(KINDS);
  registerWords(['true', 'false', ...Object.keys(BYTE_UNITS), ...Object.keys(TIME_UNITS), 'm']);
  for (const specs of Object.values(PROPERTIES)) for (const s of specs) registerWords([s.key, ...allowedWords(s)]);
  for (const kind of ['os', 'hypervisor', 'engine', 'runtime'] as const) registerWords(catalogueIds(kind));
}
