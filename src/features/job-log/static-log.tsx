import { useEffect, useState, useSyncExternalStore } from 'react';
import { createListeners } from '../../config/index.ts';
import { createLogClient, type LogClient } from './model/log-worker-client.ts';
import type { LogSummary } from './model/log-protocol.ts';
import { EMPTY_SUMMARY } from './log-source.ts';
import { LogViewer } from './log-viewer.tsx';

interface TextLogState {
  client: LogClient | null;
  summary: LogSummary;
  generation: number;
}

/** A given text, indexed on the same thread or (big) in a worker. */
class TextLogSource {
  private state: TextLogState = { client: null, summary: EMPTY_SUMMARY, generation: 0 };
  private readonly listeners = createListeners();

  subscribe = (listener: () => void): (() => void) => this.listeners.subscribe(listener);

  getState = (): TextLogState => this.state;

  start(text: string): void {
    const client = createLogClient({ mode: 'auto' });
    const generation = this.state.generation + 1;
    this.set({ client, summary: EMPTY_SUMMARY, generation });
    client.replace(text).then(
      (summary) => {
        if (this.state.client === client) this.set({ summary });
      },
      () => undefined,
    );
  }

  stop(): void {
    this.state.client?.dispose();
    this.set({ client: null });
  }

  private set(patch: Partial<TextLogState>): void {
    this.state = { ...this.state, ...patch };
    this.listeners.notify();
  }
}

export interface StaticLogProps {
  /** The log's text (ANSI escapes, sections, `\r` progress bars as a job writes them). */
  text: string;
  /** Accessible name of the view: "build/output.log". */
  label: string;
  /** Height of the scrolling area (CSS), default `60vh`. */
  height?: string;
}

/** A read-only, virtualised, escaped and coloured view of a log text (artifact previews). */
export function StaticLog({ text, label, height = '60vh' }: StaticLogProps) {
  const [source] = useState(() => new TextLogSource());
  useEffect(() => {
    source.start(text);
    return () => source.stop();
  }, [source, text]);
  const { client, summary, generation } = useSyncExternalStore(source.subscribe, source.getState, source.getState);
  return <LogViewer client={client} summary={summary} generation={generation} label={label} height={height} />;
}
