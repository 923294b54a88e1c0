// Built from a string: the control characters are the point here (ESC = \u001b, BEL = \u0007).
const ESC = '\u001b';
const BEL = '\u0007';
/** Every terminal escape: CSI (colours, erase-line, cursor moves), OSC (titles, links), two-byte ones. */
const ESCAPES = new RegExp(`${ESC}(?:\\[[0-?]*[ -/]*[@-~]|\\][^${BEL}${ESC}]*(?:${BEL}|${ESC}\\\\)?|[@-Z\\\\-_])`, 'g');

/** A terminal text without its escapes (colours and links dropped; React escapes what remains). */
export function stripAnsi(text: string): string {
  return text.replace(ESCAPES, '');
}
