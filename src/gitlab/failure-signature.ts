/**
 * Failures grouped by cause: a failure line's signature is the line with what varies from run to
 * run replaced by placeholders, so that "the same failure with different numbers" shares one
 * signature and "the same failure in different words" does not. Replaced, in this order: URLs,
 * times and dates, UUID-like ids, paths, IP addresses, hex (0x…, or 7+ hex digits holding a digit
 * and a letter), then every other number. Whitespace runs become one space; case is kept.
 */

const RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bhttps?:\/\/[^\s'"<>)\]]+/gi, '<url>'],
  // 2024-05-22T12:43:46.962646Z, 2024-05-22 12:43:46, 12:43:46.123, 2024-05-22
  [/\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?\b/g, '<time>'],
  [/\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b/g, '<time>'],
  // UUIDs and other dash-joined hex ids (simulator UDIDs, request ids)
  [/\b[0-9a-f]{4,}(?:-[0-9a-f]{4,}){2,}\b/gi, '<id>'],
  // Paths with at least one slash, with an optional :line:column
  [/(?:[A-Za-z]:)?(?:\.{0,2}\/|~\/)?(?:[\w.@+-]+\/)+[\w.@+-]*(?::\d+)*/g, '<path>'],
  [/\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g, '<ip>'],
  [/\b0x[0-9a-f]+\b/gi, '<hex>'],
  [/\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{7,}\b/gi, '<hex>'],
  [/\d+(?:\.\d+)?/g, '<n>'],
];

/** The signature of one failure line (see above). */
export function failureSignature(line: string): string {
  let out = line.trim();
  for (const [pattern, placeholder] of RULES) out = out.replace(pattern, placeholder);
  return out.replace(/\s+/g, ' ');
}

export interface CauseGroup<T> {
  /** The shared signature ('' for items without a failure line). */
  signature: string;
  items: T[];
}

/**
 * Groups items by the signature of their failure line (null: no line, grouped apart under '').
 * Groups come largest first, ties in the order of their first item; items keep their order.
 */
export function groupByCause<T>(items: readonly T[], lineOf: (item: T) => string | null): CauseGroup<T>[] {
  const groups = new Map<string, CauseGroup<T>>();
  for (const item of items) {
    const line = lineOf(item);
    const signature = line === null ? '' : failureSignature(line);
    let group = groups.get(signature);
    if (!group) {
      group = { signature, items: [] };
      groups.set(signature, group);
    }
    group.items.push(item);
  }
  return [...groups.values()].sort((a, b) => b.items.length - a.items.length);
}
