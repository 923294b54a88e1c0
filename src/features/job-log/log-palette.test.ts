import { describe, expect, it } from 'vitest';
import { contrastRatio, readableForeground, resolveColor } from './model/contrast.ts';
import { createLogIndex } from './model/log-index.ts';
import { lineHtml } from './model/line-text.ts';
import { LOG_HTML_OPTIONS, LOG_MIN_CONTRAST, LOG_PALETTE } from './log-palette.ts';

// Colour numbers as in model/sgr.ts: 0 is the default, n + 1 is palette index n.
const DEFAULT = 0;
const pal = (index: number) => index + 1;
const NAMES = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];
const name = (c: number) => (c === DEFAULT ? 'default' : c - 1 < 8 ? NAMES[c - 1] : `bright ${NAMES[c - 9]}`);

/** What common tools print: black, white and the bright colours (and the default text) on the 8 backgrounds and the pane. */
const FOREGROUNDS = [DEFAULT, pal(0), pal(7), ...[8, 9, 10, 11, 12, 13, 14, 15].map(pal)];
const BACKGROUNDS = [DEFAULT, ...[0, 1, 2, 3, 4, 5, 6, 7].map(pal)];

function drawn(fg: number, bg: number): number {
  return contrastRatio(resolveColor(readableForeground(fg, bg, LOG_PALETTE, LOG_MIN_CONTRAST), LOG_PALETTE, false), resolveColor(bg, LOG_PALETTE, true));
}

describe('the log palette', () => {
  it.each(BACKGROUNDS.flatMap((bg) => FOREGROUNDS.map((fg) => [name(fg), name(bg), fg, bg] as const)))('%s on %s reads at 3:1 or more', (_f, _b, fg, bg) => {
    expect(drawn(fg, bg)).toBeGreaterThanOrEqual(3);
  });

  it('every one of the 16 colours reads on the pane and on every background it is not', () => {
    for (let f = 0; f < 16; f++) {
      for (const bg of BACKGROUNDS) {
        expect(drawn(pal(f), bg), `${name(pal(f))} on ${name(bg)}`).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it('keeps GitLab’s colour wherever it is readable: black on green stays black', () => {
    expect(readableForeground(pal(0), pal(2), LOG_PALETTE, LOG_MIN_CONTRAST)).toBe(pal(0));
    expect(readableForeground(pal(1), DEFAULT, LOG_PALETTE, LOG_MIN_CONTRAST)).toBe(pal(1));
    expect(readableForeground(pal(10), DEFAULT, LOG_PALETTE, LOG_MIN_CONTRAST)).toBe(pal(10));
  });

  it('draws `ESC[42m ESC[30m PASS` (vitest, jest) black on green, and black text on the dark pane in white', () => {
    const index = createLogIndex();
    index.append('\x1b[42m\x1b[30m PASS \x1b[0m src/a.test.ts\n\x1b[30mquiet\x1b[0m\n');
    const pass = lineHtml(index, 0, LOG_HTML_OPTIONS);
    expect(pass).toBe('<span style="color:#000000"><span style="background-color:#4bb349"> PASS </span></span> src/a.test.ts');
    const quiet = lineHtml(index, 1, LOG_HTML_OPTIONS);
    expect(quiet).toMatch(/color:#(fff|ffffff)\b/i);
  });
});
