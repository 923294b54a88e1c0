/**
 * The log's colours: GitLab's job log palette (its 16 ANSI colours, used for text and
 * backgrounds alike) on the viewer's dark pane, with a 3:1 contrast floor so every pair a
 * tool prints stays readable (model/contrast.ts): black on green stays black, black on the
 * dark pane becomes white. 256-colour and truecolor values are the job's own choice, held to
 * the same floor.
 */
import type { LogPalette } from './model/contrast.ts';
import type { LineHtmlOptions } from './model/line-text.ts';

export const LOG_PALETTE: LogPalette = {
  /* Keep in step with --log-fg / --log-bg in job-log.css. */
  fg: '#ececef',
  bg: '#1d1c22',
  colors: {
    0: '#000000',
    1: '#df6d6d',
    2: '#4bb349',
    3: '#b2b215',
    4: '#4193e4',
    5: '#f330f3',
    6: '#1aa2a2',
    7: '#cccccc',
    8: '#918e95',
    9: '#ff6161',
    10: '#5cf759',
    11: '#cdcd1a',
    12: '#5797ff',
    13: '#ea4fea',
    14: '#00bdbd',
    15: '#ffffff',
  },
};

/** WCAG's floor for large or bold text and for UI parts; logs are read, not skimmed. */
export const LOG_MIN_CONTRAST = 3;

export const LOG_HTML_OPTIONS: LineHtmlOptions = {
  ansi: { fg: LOG_PALETTE.fg, bg: LOG_PALETTE.bg, colors: { ...LOG_PALETTE.colors } },
  minContrast: LOG_MIN_CONTRAST,
};
