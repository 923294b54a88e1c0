/**
 * A job log as plain text, as GitLab's "raw" view gives it to a person: the runner's escape
 * sequences (colours, erase-line, cursor moves, OSC titles and links) and the
 * `section_start:…`/`section_end:…` markers are dropped; the text, its line breaks and the `\r`
 * of progress bars stay.
 */
import { stripAnsi } from '../../../ui/strip-ansi.ts';

const SECTION_MARKERS = /section_(?:start|end):\d+:[A-Za-z0-9_.-]+(?:\[[^\]\r\n]*\])?\r/g;

export function plainLogText(raw: string): string {
  return stripAnsi(raw).replace(SECTION_MARKERS, '');
}
