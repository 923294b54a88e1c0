import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { LineCache } from './line-cache.ts';
import type { LineHtmlOptions } from './model/line-text.ts';
import type { LogSummary } from './model/log-protocol.ts';
import type { LogClient } from './model/log-worker-client.ts';

export interface LineCacheView {
  cache: LineCache;
  /** Bumped when lines arrive: a render reads them with `cache.get`. */
  version: number;
}

/**
 * The lines of rows `firstIndex..lastIndex`, asked of the index and kept near the screen. A
 * replaced log empties the cache; a grown one asks again for its last lines.
 */
export function useLineCache(client: LogClient | null, generation: number, summary: LogSummary, html: LineHtmlOptions, rows: Uint32Array, firstIndex: number, lastIndex: number): LineCacheView {
  const [cache] = useState(() => new LineCache(client, html));
  const version = useSyncExternalStore(cache.subscribe, cache.getVersion, cache.getVersion);
  const seen = useRef({ client, generation, length: summary.length, lineCount: summary.lineCount });
  useEffect(() => {
    const prev = seen.current;
    if (prev.client !== client || prev.generation !== generation) cache.reset(client);
    else if (prev.length !== summary.length) cache.grew(prev.lineCount);
    seen.current = { client, generation, length: summary.length, lineCount: summary.lineCount };
  }, [cache, client, generation, summary.length, summary.lineCount]);
  useEffect(() => {
    const wanted: number[] = [];
    for (let i = firstIndex; i <= lastIndex; i++) {
      const line = rows[i];
      if (line !== undefined) wanted.push(line);
    }
    cache.ensure(wanted);
  }, [cache, rows, firstIndex, lastIndex, version, client]);
  return { cache, version };
}
