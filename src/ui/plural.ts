/**
 * A count with its noun, singular or plural as English needs: `1 match`, `2 matches`,
 * `1,024 lines`. The plural defaults to noun + "s".
 */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : plural}`;
}
