/** A failure line of a log, as the log viewer finds and numbers it (0-based display line). */
export interface FirstErrorLine {
  line: number;
  text: string;
}

/**
 * The log viewer's "first error" detection, handed in by the route (features do not import each
 * other): the first `max` failure lines of a log.
 */
export type FindFirstErrors = (text: string, max: number) => FirstErrorLine[];
