import { useState } from 'react';
import type { LogClient } from './model/log-worker-client.ts';

export interface LogFailuresOptions {
  client: LogClient | null;
  generation: number;
  length: number;
  goTo(line: number): void;
  /** Selects the error's line (its permalink). */
  select(line: number): void;
  /** Says where it went ("Error 2 of 5: line 120") or that there is none. */
  onMessage(message: string): void;
}

export interface LogFailures {
  /** The reader is cycling through the errors (the button reads "Next error"). */
  cycling: boolean;
  cycleFailure(step: 1 | -1): Promise<void>;
}

/** Cycling through the log's error lines, found by the index once per log size. */
export function useLogFailures({ client, generation, length, goTo, select, onMessage }: LogFailuresOptions): LogFailures {
  const [failures, setFailures] = useState<{ key: string; lines: Uint32Array; index: number } | null>(null);
  const key = `${generation}:${length}`;
  const cycleFailure = async (step: 1 | -1) => {
    if (!client) return;
    let f = failures && failures.key === key ? failures : null;
    if (!f) {
      const lines = await client.failures();
      f = { key, lines, index: -1 };
    }
    if (f.lines.length === 0) {
      setFailures(f);
      onMessage('No errors found in this log.');
      return;
    }
    const index = f.index < 0 ? 0 : (f.index + step + f.lines.length) % f.lines.length;
    const line = f.lines[index] ?? 0;
    setFailures({ ...f, index });
    onMessage(`Error ${index + 1} of ${f.lines.length}: line ${line + 1}`);
    goTo(line);
    select(line);
  };
  return { cycling: failures !== null && failures.key === key && failures.index >= 0, cycleFailure };
}
