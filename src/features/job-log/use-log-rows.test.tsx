import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogClient, type LogClient } from './model/log-worker-client.ts';
import { EMPTY_SUMMARY } from './log-source.ts';
import { useLogRows } from './use-log-rows.ts';

const E = '\x1b';
const LOG = ['one', `section_start:1716380000:build[collapsed=true]\r${E}[0KBuilding`, 'inside', `section_end:1716380075:build\r${E}[0K`, 'last'].join('\n');
let client: LogClient | null = null;
afterEach(() => client?.dispose());

describe('useLogRows', () => {
  it('asks the index for the visible rows, again when the folding changes or the log grows', async () => {
    client = createLogClient({ mode: 'inline' });
    const summary = await client.replace(LOG);
    const folded = summary.sections.filter((s) => s.collapsed).map((s) => s.id);
    const { result, rerender } = renderHook(({ collapsed, s }) => useLogRows(client, 1, s, collapsed), { initialProps: { collapsed: folded, s: summary } });
    await waitFor(() => expect(result.current.current).toBe(true));
    // The fold hides the section's body; the end marker's empty line is never a row.
    expect([...result.current.rows]).toEqual([0, 1, 4]);
    expect(result.current.lineCount).toBe(summary.lineCount);

    rerender({ collapsed: [], s: summary });
    expect(result.current.current).toBe(false);
    await waitFor(() => expect(result.current.current).toBe(true));
    expect([...result.current.rows]).toEqual([0, 1, 2, 4]);

    const grown = await client.append('\nmore');
    rerender({ collapsed: [], s: grown });
    await waitFor(() => expect(result.current.lineCount).toBe(grown.lineCount));
    expect([...result.current.rows]).toEqual([0, 1, 2, 4, 5]);
  });

  it('has no rows without an index', () => {
    const { result } = renderHook(() => useLogRows(null, 0, EMPTY_SUMMARY, []));
    expect(result.current.rows.length).toBe(0);
  });
});
