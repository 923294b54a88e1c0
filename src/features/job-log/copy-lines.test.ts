import { afterEach, describe, expect, it, vi } from 'vitest';
import { copyLines } from './copy-lines.ts';
import { createLogClient, type LogClient } from './model/log-worker-client.ts';

let client: LogClient | null = null;
afterEach(() => client?.dispose());

async function logOf(lines: number): Promise<LogClient> {
  client = createLogClient({ mode: 'inline' });
  await client.replace(Array.from({ length: lines }, (_, i) => `\x1b[31mline ${i}\x1b[0m`).join('\n'));
  return client;
}

describe('copyLines', () => {
  it('copies the plain text of a range, however long', async () => {
    const c = await logOf(4500);
    const writeText = vi.fn(() => Promise.resolve());
    expect(await copyLines(c, { from: 2, to: 4400 }, { writeText })).toBe('Copied lines 3–4401.');
    const text = (writeText.mock.calls[0] as unknown as [string])[0].split('\n');
    expect(text).toHaveLength(4399);
    expect(text[0]).toBe('line 2');
    expect(text.at(-1)).toBe('line 4400');
  });

  it('says one line, and says so when the browser refuses', async () => {
    const c = await logOf(3);
    expect(await copyLines(c, { from: 1, to: 1 }, { writeText: () => Promise.resolve() })).toBe('Copied line 2.');
    expect(await copyLines(c, { from: 1, to: 1 }, { writeText: () => Promise.reject(new Error('denied')) })).toBe('The browser did not allow copying.');
    expect(await copyLines(c, { from: 1, to: 1 }, undefined)).toBe('The browser did not allow copying.');
  });
});
