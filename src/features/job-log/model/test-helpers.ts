/** Helpers shared by the model's tests: a whole-index dump to compare indexes by value. */
import { createLogIndex, type LogIndex } from './log-index.ts';
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

/** The index of these chunks appended one after another. */
export function index(...chunks: string[]): LogIndex {
  const ix = createLogIndex();
  for (const c of chunks) ix.append(c);
  return ix;
}

/** The style a line starts in. */
export function startStyle(ix: LogIndex, i: number) {
  return ix.style(ix.lineStyleId(i));
}

export const E = '\x1b';
/** GitLab's section markers as the runner writes them. */
export const start = (ts: number, name: string, opts = '') => `${E}[0Ksection_start:${ts}:${name}${opts}\r${E}[0K`;
export const end = (ts: number, name: string) => `${E}[0Ksection_end:${ts}:${name}\r${E}[0K`;

/** A small seeded random source (mulberry32): the same numbers on every run, for property tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
