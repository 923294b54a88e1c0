/**
 * ansi-to-html's `escapeXML: true` calls `entities.encodeXML`, and that one function brought
 * the whole `entities` package (its HTML decoding tables: ~9 KB gzipped) into the log viewer
 * and its worker. The build resolves `entities` to this module instead (decision 0026,
 * scripts/bundle-aliases.ts): the same output as entities 2.2's encodeXML. The five characters
 * that matter in HTML text and attributes become named references, and every character outside
 * ASCII a numeric one (a lone surrogate included, which the browser shows as U+FFFD).
 */
const NAMED: Readonly<Record<string, string>> = { '&': '&amp;', "'": '&apos;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

// One code point at a time (`u`): a surrogate pair is one match, a lone surrogate another.
const ESCAPED = /["&'<>]|[^\0-\x7F]/gu;

export function encodeXML(text: string): string {
  return text.replace(ESCAPED, (c) => NAMED[c] ?? `&#x${(c.codePointAt(0) ?? 0).toString(16).toUpperCase()};`);
}
