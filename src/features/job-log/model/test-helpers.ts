/** Helpers shared by the model's tests: a whole-index dump to compare indexes by value. */
import type { LogIndex } from './log-index.ts';
import { lineText } from './line-text.ts';

export interface LineDump {
  start: number;
  end: number;
  text: string;
  style: string;
  section: number;
  depth: number;
  flags: number;
  ts: number | null;
  stream: number;
}

export function dumpIndex(index: LogIndex): { lines: LineDump[]; sections: unknown[]; styles: number; length: number; ts: boolean } {
  const lines: LineDump[] = [];
  for (let i = 0; i < index.lineCount; i++) {
    const s = index.style(index.lineStyleId(i));
    const t = index.lineTimestamp(i);
    lines.push({
      start: index.lineStart(i),
      end: index.lineEnd(i),
      text: lineText(index, i),
      style: `${index.lineStyleId(i)}:${s.fg},${s.bg},${s.flags}`,
      section: index.lineSection(i),
      depth: index.lineDepth(i),
      flags: index.lineFlags(i),
      ts: Number.isNaN(t) ? null : t,
      stream: index.lineStream(i),
    });
  }
  return {
    lines,
    sections: index.sections.map((s) => ({ ...s, endTs: Number.isNaN(s.endTs) ? null : s.endTs, durationSeconds: Number.isNaN(s.durationSeconds) ? null : s.durationSeconds })),
    styles: index.styleCount,
    length: index.length,
    ts: index.hasTimestamps,
  };
}

export function texts(index: LogIndex): string[] {
  const out: string[] = [];
  for (let i = 0; i < index.lineCount; i++) out.push(lineText(index, i));
  return out;
}
