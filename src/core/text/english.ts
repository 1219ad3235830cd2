// Small helpers for the English of messages and hovers.

/** `an app`, `a host`: the word with its indefinite article. */
export function article(word: string): string {
  return /^[aeiou]/i.test(word) ? `an ${word}` : `a ${word}`;
}

/** The text with its first letter in upper case. */
export function capitalize(text: string): string {
  return text.length ? text[0].toUpperCase() + text.slice(1) : text;
}
