/**
 * A job log as plain text, as GitLab's "raw" view gives it to a person: the runner's escape
 * sequences (colours, erase-line, cursor moves, OSC titles and links) and the
 * `section_start:…`/`section_end:…` markers are dropped; the text, its line breaks and the `\r`
 * of progress bars stay.
 */
// Built from a string: the control characters are the point here (ESC = \u001b, BEL = \u0007).
const ESC = '\u001b';
const BEL = '\u0007';
const ESCAPES = new RegExp(`${ESC}(?:\\[[0-?]*[ -/]*[@-~]|\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)?|[@-Z\\\\-_])`, 'g');
const SECTION_MARKERS = /section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]\r\n]*\])?\r/g;

export function plainLogText(raw: string): string {
  return raw.replace(ESCAPES, '').replace(SECTION_MARKERS, '');
}
