import { useEffect, useState } from 'react';
import type { LogClient } from './model/log-worker-client.ts';
import type { LogSummary } from './model/log-protocol.ts';

const EMPTY_ROWS = new Uint32Array(0);

export interface LogRows {
  /** Line number of each visible row (folded sections' bodies left out). */
  rows: Uint32Array;
  /** The rows answer the current log and folding (not an earlier one still shown). */
  current: boolean;
  /** The log's line count when the rows were made: a jump past it waits for the next rows. */
  lineCount: number;
}

function markOnce(name: string): void {
  if (typeof performance !== 'undefined' && performance.getEntriesByName(name).length === 0) performance.mark(name);
}

/** The visible rows, asked of the index again whenever the log grows or the folding changes. */
export function useLogRows(client: LogClient | null, generation: number, summary: LogSummary, collapsedIds: readonly number[]): LogRows {
  const [state, setState] = useState<{ rows: Uint32Array; key: string; lineCount: number }>({ rows: EMPTY_ROWS, key: '', lineCount: 0 });
  const key = `${generation}|${collapsedIds.join(',')}`;
  useEffect(() => {
    if (!client) return;
    let current = true;
    const lineCount = summary.lineCount;
    client.rows([...collapsedIds]).then(
      (rows) => {
        if (current) setState({ rows, key, lineCount });
        if (rows.length > 0) markOnce('job-log:first-rows-index');
      },
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [client, key, collapsedIds, summary]);
  return { rows: state.rows, current: state.key === key, lineCount: state.lineCount };
}
