import type { LogClient } from './model/log-worker-client.ts';
import type { LineRange } from './permalink.ts';

/** Lines are asked of the index this many at a time. */
const BATCH = 2000;

/** What a clipboard must do (the browser's, or a test's). */
export interface TextClipboard {
  writeText(text: string): Promise<void>;
}

/** Copies the range's plain text (no colours) and says what happened, for the status line. */
export async function copyLines(client: LogClient, range: LineRange, clipboard: TextClipboard | undefined): Promise<string> {
  const texts: string[] = [];
  for (let from = range.from; from <= range.to; from += BATCH) {
    const lines = await client.lines(from, Math.min(range.to + 1, from + BATCH));
    for (const l of lines) texts.push(l.text);
  }
  try {
    if (!clipboard) throw new Error('No clipboard');
    await clipboard.writeText(texts.join('\n'));
    return texts.length === 1 ? `Copied line ${range.from + 1}.` : `Copied lines ${range.from + 1}–${range.to + 1}.`;
  } catch {
    return 'The browser did not allow copying.';
  }
}

/** Copies the address of a range of lines and says what happened, for the status line. */
export async function copyLineLink(href: string, range: LineRange, clipboard: TextClipboard | undefined): Promise<string> {
  try {
    if (!clipboard) throw new Error('No clipboard');
    await clipboard.writeText(href);
    return range.from === range.to ? `Copied a link to line ${range.from + 1}.` : `Copied a link to lines ${range.from + 1}–${range.to + 1}.`;
  } catch {
    return 'The browser did not allow copying.';
  }
}
