import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LOG_HTML_OPTIONS } from './log-palette.ts';
import { createLogClient, type LogClient } from './model/log-worker-client.ts';
import { useLineCache } from './use-line-cache.ts';

const clients: LogClient[] = [];
function client(): LogClient {
  const c = createLogClient({ mode: 'inline' });
  clients.push(c);
  return c;
}
afterEach(() => {
  for (const c of clients.splice(0)) c.dispose();
});

describe('useLineCache', () => {
  it('asks the index for the lines of the window only, coloured with the viewer’s palette', async () => {
    const c = client();
    const summary = await c.replace(Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n'));
    const lines = vi.spyOn(c, 'lines');
    const rows = Uint32Array.from({ length: 100 }, (_, i) => i);
    const { result } = renderHook(() => useLineCache(c, 1, summary, LOG_HTML_OPTIONS, rows, 10, 19));
    await waitFor(() => expect(result.current.cache.get(19)?.text).toBe('line 19'));
    expect(result.current.cache.get(10)?.text).toBe('line 10');
    expect(result.current.cache.get(20)).toBeUndefined();
    expect(lines).toHaveBeenCalledWith(10, 20, LOG_HTML_OPTIONS);
  });

  it('forgets the lines of a replaced log', async () => {
    const first = client();
    const summary = await first.replace('old 0\nold 1');
    const rows = Uint32Array.of(0, 1);
    const { result, rerender } = renderHook(({ c, generation }) => useLineCache(c, generation, summary, LOG_HTML_OPTIONS, rows, 0, 1), { initialProps: { c: first, generation: 1 } });
    await waitFor(() => expect(result.current.cache.get(0)?.text).toBe('old 0'));
    const second = client();
    await second.replace('new 0\nnew 1');
    rerender({ c: second, generation: 2 });
    await waitFor(() => expect(result.current.cache.get(0)?.text).toBe('new 0'));
  });
});
