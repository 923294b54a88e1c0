/**
 * Incremental index of a GitLab job log (FACTS.md, "The job log"; GitLab's
 * lib/gitlab/ci/ansi2json/v2/converter.rb). It keeps the raw text and, per display line,
 * only numbers in growable typed arrays: where the line is in the raw text, the SGR style at
 * its start (an id into a table of unique styles), its innermost section, its depth, flags
 * and, for runner-timestamped logs, its time and stream. Lines are converted to text and
 * spans only when shown (line-text.ts).
 *
 * `append` parses only the new tail. The last raw line may be incomplete (no `\n` yet, or
 * in a timestamped log the next line's prefix that says whether it is a continuation has not
 * arrived); it is indexed provisionally and parsed again, from its start, on the next append,
 * so an escape, a `\r\n`, a section marker or a timestamp prefix split across appends gives
 * the same index as one append of the whole.
 */
import { applySgr, type SgrStyle } from './sgr.ts';
import {
  CR,
  MARKER_SUFFIX_LENGTH,
  TS_PREFIX_LENGTH,
  escapeEnd,
  findMarker,
  hasTimestampPrefix,
  isContinuationPrefix,
  isSgr,
  isStderrPrefix,
  isTimestampPrefix,
  parseStreamId,
  parseTimestampMs,
} from './scan-rules.ts';
import { Utf8Text, type TextChunk } from './utf8-text.ts';

/** The line opens a section (its header). */
export const LINE_HEADER = 1;
/** The line closes a section (holds its `section_end` marker). */
export const LINE_FOOTER = 2;
/** Display text = raw text from contentStart to end, in the line's start style throughout. */
export const LINE_PLAIN = 4;
/** The line displays nothing. */
export const LINE_EMPTY = 8;
/**
 * In `times`, a value below zero is not a time yet: the line's runner timestamp prefix is at
 * raw offset `-(value + 1)`, parsed when the time is asked for (most lines of a big log never
 * are). A display line that a `\r` or a section marker broke off mid raw line points at the
 * prefix of the raw line it came from. Parsed times are cached only when not negative.
 */
function parseLaterAt(offset: number): number {
  return -offset - 1;
}
/** Lines a new tail of this many UTF-16 units is expected to add, at least (log lines run ~100 chars). */
const CHARS_PER_LINE_ESTIMATE = 80;

/** The line's raw range starts with a runner timestamp prefix (32 chars, not displayed). */
export const LINE_TIMESTAMP_PREFIX = 16;
/** Runner timestamp prefix says stderr (`E`). */
export const LINE_STDERR = 32;
/** The line holds a section marker (matched or not). With LINE_EMPTY: a viewer may hide it. */
export const LINE_MARKER = 64;

export interface LogSection {
  readonly id: number;
  /** The name as written in the marker. */
  readonly name: string;
  /** GitLab's sanitised name (lowercase, other than [a-z0-9] -> '-'), used to match the end. */
  readonly key: string;
  readonly headerLine: number;
  readonly firstLine: number;
  /** Last line (the footer once closed; the log's last line while open). */
  readonly lastLine: number;
  /** Unix seconds from the markers; endTs is NaN while open. */
  readonly startTs: number;
  readonly endTs: number;
  readonly durationSeconds: number;
  /** MM:SS, or HH:MM:SS from one hour; '' while open. */
  readonly duration: string;
  readonly collapsed: boolean;
  readonly hideDuration: boolean;
  /** Enclosing section id, -1 at top level. */
  readonly parent: number;
  /** 1 for a top-level section. */
  readonly depth: number;
  readonly open: boolean;
}

type MutableSection = { -readonly [K in keyof LogSection]: LogSection[K] };

export interface LogIndex {
  /** Appends the new tail of the log (not the whole log). */
  append(text: string): void;
  /** Appends the new tail as UTF-8 bytes off the network (a character may be split between calls). */
  appendBytes(bytes: Uint8Array): void;
  reset(): void;
  readonly lineCount: number;
  /** Length of the raw text in UTF-16 code units. */
  readonly length: number;
  /** Memory the raw text takes: UTF-8 bytes once compacted (see utf8-text.ts). */
  readonly byteLength: number;
  /**
   * Turns up to `maxChunks` chunks of the raw text that can no longer grow into UTF-8 bytes
   * (decoded again only when shown or searched). Returns whether any are left to compact.
   */
  compact(maxChunks?: number): boolean;
  /** The log uses the runner timestamp format (decided from its first line). */
  readonly hasTimestamps: boolean;
  lineStart(i: number): number;
  /** End of the line's content (before `\r*\n`), exclusive. */
  lineEnd(i: number): number;
  /** Where display content may begin: after the timestamp prefix when there is one. */
  contentStart(i: number): number;
  lineStyleId(i: number): number;
  lineSection(i: number): number;
  lineDepth(i: number): number;
  lineFlags(i: number): number;
  isSectionHeader(i: number): boolean;
  /** Unix ms of the runner timestamp, NaN when none. */
  lineTimestamp(i: number): number;
  /** Runner stream id, -1 when none. */
  lineStream(i: number): number;
  readonly styleCount: number;
  style(id: number): Readonly<SgrStyle>;
  readonly sections: readonly LogSection[];
  /** Raw text between two offsets. */
  slice(start: number, end: number): string;
  /** The whole raw text, decoded (a new string: for moving the index, not for keeping). */
  text(): string;
  /** The raw text as stored: chunks in order with their start offsets, each decoded when asked. */
  rawChunks(): readonly RawChunk[];
  /** Line holding a raw offset (the last line for offsets past the end), -1 when empty. */
  lineOfOffset(offset: number): number;
}

export type RawChunk = TextChunk;

interface Snapshot {
  offset: number;
  lineCount: number;
  sectionCount: number;
  styleCount: number;
  stack: number[];
  fg: number;
  bg: number;
  flags: number;
  styleId: number;
  styleDirty: boolean;
  tsMode: number;
}

const TS_UNKNOWN = 0;
const TS_YES = 1;
const TS_NO = 2;

export function formatSectionDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  const two = (v: number) => (v < 10 ? `0${v}` : String(v));
  return hh > 0 ? `${two(hh)}:${two(mm)}:${two(ss)}` : `${two(mm)}:${two(ss)}`;
}

class Index implements LogIndex {
  // The raw text, as UTF-8 bytes (utf8-text.ts); offsets everywhere are UTF-16 code units.
  private store = new Utf8Text();

  private n = 0;
  private cap = 0;
  private starts = new Uint32Array(0);
  private ends = new Uint32Array(0);
  private styleIds = new Uint32Array(0);
  private sectionIds = new Int32Array(0);
  private depths = new Uint8Array(0);
  private flagBits = new Uint8Array(0);
  private times: Float64Array | null = null;
  private streams: Int16Array | null = null;

  private styleFg: number[] = [0];
  private styleBg: number[] = [0];
  private styleFlags: number[] = [0];
  private styleObjects: Readonly<SgrStyle>[] = [Object.freeze({ fg: 0, bg: 0, flags: 0 })];
  private styleMap = new Map<number, Map<number, number>>();

  private cur: SgrStyle = { fg: 0, bg: 0, flags: 0 };
  private curId = 0;
  private curDirty = false;
  private stack: number[] = [];
  private sectionList: MutableSection[] = [];
  private tsMode = TS_UNKNOWN;

  private committedOffset = 0;
  private snapshot: Snapshot | null = null;
  private closedAfterSnapshot: number[] = [];

  // Next ESC / CR at or after the scan position (text length when none), so that each is
  // searched for once per scan instead of once per line.
  private escAt = -1;
  private crAt = -1;
  // Whether a timestamp prefix is valid at `prefixAt`, learnt while looking ahead for `+`.
  private prefixAt = -1;
  private prefixOk = false;

  // The display line being built by scanLine (a raw line may yield several).
  private dl = { start: 0, style: 0, section: -1, depth: 0, flags: 0, role: 0, visible: false, afterEnd: false };

  get lineCount(): number {
    return this.n;
  }

  get length(): number {
    return this.store.length;
  }

  get byteLength(): number {
    return this.store.byteLength;
  }

  compact(maxChunks?: number): boolean {
    return this.store.compact(maxChunks);
  }

  get hasTimestamps(): boolean {
    return this.tsMode === TS_YES;
  }

  get styleCount(): number {
    return this.styleFg.length;
  }

  get sections(): readonly LogSection[] {
    const last = this.n - 1;
    for (const id of this.stack) {
      const s = this.sectionList[id];
      if (s) s.lastLine = Math.max(s.firstLine, last);
    }
    return this.sectionList;
  }

  lineStart(i: number): number {
    return this.starts[i] ?? 0;
  }

  lineEnd(i: number): number {
    return this.ends[i] ?? 0;
  }

  contentStart(i: number): number {
    const f = this.flagBits[i] ?? 0;
    return (this.starts[i] ?? 0) + (f & LINE_TIMESTAMP_PREFIX ? TS_PREFIX_LENGTH : 0);
  }

  lineStyleId(i: number): number {
    return this.styleIds[i] ?? 0;
  }

  lineSection(i: number): number {
    return this.sectionIds[i] ?? -1;
  }

  lineDepth(i: number): number {
    return this.depths[i] ?? 0;
  }

  lineFlags(i: number): number {
    return this.flagBits[i] ?? 0;
  }

  isSectionHeader(i: number): boolean {
    return ((this.flagBits[i] ?? 0) & LINE_HEADER) !== 0;
  }

  lineTimestamp(i: number): number {
    if (!this.times || i < 0 || i >= this.n) return NaN;
    const t = this.times[i] ?? NaN;
    if (!(t < 0)) return t;
    const at = -t - 1;
    const parsed = parseTimestampMs(this.store.slice(at, at + TS_PREFIX_LENGTH), 0);
    if (parsed >= 0) this.times[i] = parsed;
    return parsed;
  }

  lineStream(i: number): number {
    return this.streams && i < this.n ? (this.streams[i] ?? -1) : -1;
  }

  style(id: number): Readonly<SgrStyle> {
    const s = this.styleObjects[id];
    if (!s) throw new RangeError(`no style ${id}`);
    return s;
  }

  slice(start: number, end: number): string {
    return this.store.slice(start, end);
  }

  text(): string {
    return this.store.text();
  }

  rawChunks(): readonly RawChunk[] {
    return this.store.textChunks();
  }

  lineOfOffset(offset: number): number {
    if (this.n === 0) return -1;
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if ((this.starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  reset(): void {
    this.store.clear();
    this.n = 0;
    this.cap = 0;
    this.starts = new Uint32Array(0);
    this.ends = new Uint32Array(0);
    this.styleIds = new Uint32Array(0);
    this.sectionIds = new Int32Array(0);
    this.depths = new Uint8Array(0);
    this.flagBits = new Uint8Array(0);
    this.times = null;
    this.streams = null;
    this.styleFg = [0];
    this.styleBg = [0];
    this.styleFlags = [0];
    this.styleObjects = [this.styleObjects[0] ?? Object.freeze({ fg: 0, bg: 0, flags: 0 })];
    this.styleMap = new Map();
    this.cur = { fg: 0, bg: 0, flags: 0 };
    this.curId = 0;
    this.curDirty = false;
    this.stack = [];
    this.sectionList = [];
    this.tsMode = TS_UNKNOWN;
    this.committedOffset = 0;
    this.snapshot = null;
    this.closedAfterSnapshot = [];
  }

  append(text: string): void {
    if (text.length === 0) return;
    this.store.append(text);
    this.parseAppended(text);
  }

  appendBytes(bytes: Uint8Array): void {
    const text = this.store.appendBytes(bytes);
    if (text.length > 0) this.parseAppended(text);
  }

  /** Parses what `text` (just stored) added, from the start of the incomplete last line. */
  private parseAppended(text: string): void {
    const total = this.store.length;
    const before = total - text.length;
    this.rollback();
    // Room for the lines the new text is likely to hold, at once: growing the columns by half
    // again and again while a 20 MB log is indexed was a tenth of the time.
    this.reserve(this.n + Math.ceil(text.length / CHARS_PER_LINE_ESTIMATE));
    const from = this.committedOffset;
    this.escAt = -1;
    this.crAt = -1;
    // Only the incomplete last line is decoded again; the new text is parsed as given.
    this.scan(from < before ? this.store.slice(from, before) + text : text, from);
    if (!this.snapshot) this.committedOffset = total;
  }

  private takeSnapshot(offset: number): void {
    this.snapshot = {
      offset,
      lineCount: this.n,
      sectionCount: this.sectionList.length,
      styleCount: this.styleFg.length,
      stack: this.stack.slice(),
      fg: this.cur.fg,
      bg: this.cur.bg,
      flags: this.cur.flags,
      styleId: this.curId,
      styleDirty: this.curDirty,
      tsMode: this.tsMode,
    };
    this.closedAfterSnapshot = [];
    this.committedOffset = offset;
  }

  /** Undoes the provisional parse of the incomplete last line. */
  private rollback(): void {
    const snap = this.snapshot;
    if (!snap) return;
    this.n = snap.lineCount;
    for (const id of this.closedAfterSnapshot) {
      const s = this.sectionList[id];
      if (s && id < snap.sectionCount) {
        s.endTs = NaN;
        s.durationSeconds = NaN;
        s.duration = '';
        s.lastLine = -1;
        s.open = true;
      }
    }
    this.sectionList.length = snap.sectionCount;
    for (let id = this.styleFg.length - 1; id >= snap.styleCount; id--) {
      this.styleMap.get(this.styleFg[id] ?? 0)?.delete((this.styleBg[id] ?? 0) * 32 + (this.styleFlags[id] ?? 0));
    }
    this.styleFg.length = snap.styleCount;
    this.styleBg.length = snap.styleCount;
    this.styleFlags.length = snap.styleCount;
    this.styleObjects.length = snap.styleCount;
    this.stack = snap.stack;
    this.cur = { fg: snap.fg, bg: snap.bg, flags: snap.flags };
    this.curId = snap.styleId;
    this.curDirty = snap.styleDirty;
    this.tsMode = snap.tsMode;
    this.committedOffset = snap.offset;
    this.snapshot = null;
    this.closedAfterSnapshot = [];
  }

  private currentStyleId(): number {
    if (!this.curDirty) return this.curId;
    this.curDirty = false;
    const { fg, bg, flags } = this.cur;
    if (fg === 0 && bg === 0 && flags === 0) {
      this.curId = 0;
      return 0;
    }
    let byBg = this.styleMap.get(fg);
    if (!byBg) {
      byBg = new Map();
      this.styleMap.set(fg, byBg);
    }
    const key = bg * 32 + flags;
    let id = byBg.get(key);
    if (id === undefined) {
      id = this.styleFg.length;
      this.styleFg.push(fg);
      this.styleBg.push(bg);
      this.styleFlags.push(flags);
      this.styleObjects.push(Object.freeze({ fg, bg, flags }));
      byBg.set(key, id);
    }
    this.curId = id;
    return id;
  }

  private grow(): void {
    this.reserve(this.cap + 1);
  }

  /** Makes room for at least `lines` lines: half as much again at least, so small appends stay amortised. */
  private reserve(lines: number): void {
    if (lines <= this.cap && this.cap > 0) return;
    const cap = Math.max(1024, lines, Math.ceil(this.cap * 1.5));
    const grow32 = (a: Uint32Array) => {
      const b = new Uint32Array(cap);
      b.set(a.subarray(0, this.n));
      return b;
    };
    this.starts = grow32(this.starts);
    this.ends = grow32(this.ends);
    this.styleIds = grow32(this.styleIds);
    const sec = new Int32Array(cap);
    sec.set(this.sectionIds.subarray(0, this.n));
    this.sectionIds = sec;
    const dep = new Uint8Array(cap);
    dep.set(this.depths.subarray(0, this.n));
    this.depths = dep;
    const fl = new Uint8Array(cap);
    fl.set(this.flagBits.subarray(0, this.n));
    this.flagBits = fl;
    if (this.times) {
      const t = new Float64Array(cap);
      t.set(this.times.subarray(0, this.n));
      this.times = t;
    }
    if (this.streams) {
      const st = new Int16Array(cap);
      st.set(this.streams.subarray(0, this.n));
      this.streams = st;
    }
    this.cap = cap;
  }

  private enableTimestamps(): void {
    if (this.times) return;
    this.times = new Float64Array(this.cap).fill(NaN);
    this.streams = new Int16Array(this.cap).fill(-1);
  }

  private push(start: number, end: number, style: number, section: number, depth: number, flags: number, ts: number, stream: number): void {
    if (this.n === this.cap) this.grow();
    const i = this.n++;
    this.starts[i] = start;
    this.ends[i] = end;
    this.styleIds[i] = style;
    this.sectionIds[i] = section;
    this.depths[i] = depth > 255 ? 255 : depth;
    this.flagBits[i] = flags;
    if (this.times && this.streams) {
      this.times[i] = ts;
      this.streams[i] = stream;
    }
  }

  /** Next ESC at or after `from` in the scanned text (its length when none), remembered in escAt. */
  private nextEsc(s: string, from: number): number {
    if (this.escAt < from) {
      const e = s.indexOf('\x1b', from);
      this.escAt = e < 0 ? s.length : e;
    }
    return this.escAt;
  }

  /** Next CR at or after `from`, as nextEsc. */
  private nextCr(s: string, from: number): number {
    if (this.crAt < from) {
      const c = s.indexOf('\r', from);
      this.crAt = c < 0 ? s.length : c;
    }
    return this.crAt;
  }

  /** Id of the innermost open section, -1 at top level. */
  private innermostSection(): number {
    const stack = this.stack;
    return stack.length > 0 ? (stack[stack.length - 1] ?? -1) : -1;
  }

  private scan(s: string, base: number): void {
    const len = s.length;
    let p = 0;
    this.prefixAt = -1;
    while (p < len) {
      if (this.tsMode === TS_NO) {
        p = this.scanPlainRun(s, base, p);
        if (p >= len) break;
      } else if (this.tsMode === TS_YES) {
        p = this.scanStampedRun(s, base, p);
        if (p >= len) break;
      }
      if (this.tsMode === TS_UNKNOWN && base + p === 0) {
        // Runners write the prefix on every line or on none: the first line decides.
        if (isTimestampPrefix(s, 0)) {
          this.tsMode = TS_YES;
          this.enableTimestamps();
        } else if (len >= TS_PREFIX_LENGTH || s.indexOf('\n') >= 0) {
          this.tsMode = TS_NO;
        }
      }
      const ts = this.tsMode === TS_YES;
      let contentFrom = p;
      let lineFlags = 0;
      let tsMs = NaN;
      let stream = -1;
      if (ts && (p === this.prefixAt ? this.prefixOk : hasTimestampPrefix(s, p))) {
        contentFrom = p + TS_PREFIX_LENGTH;
        lineFlags = LINE_TIMESTAMP_PREFIX | (isStderrPrefix(s, p) ? LINE_STDERR : 0);
        tsMs = parseLaterAt(base + p);
        stream = parseStreamId(s, p);
      }
      let nl = s.indexOf('\n', contentFrom);
      let complete = nl >= 0;
      let continued = false;
      if (ts) {
        while (nl >= 0) {
          if (nl + TS_PREFIX_LENGTH >= len) {
            // The next line's prefix (is it a `+` continuation?) has not fully arrived.
            complete = false;
            break;
          }
          // Remembered: the next line's own prefix check is then free.
          this.prefixAt = nl + 1;
          this.prefixOk = hasTimestampPrefix(s, nl + 1);
          if (!this.prefixOk || !isContinuationPrefix(s, nl + 1)) break;
          continued = true;
          nl = s.indexOf('\n', nl + 1 + TS_PREFIX_LENGTH);
          complete = nl >= 0;
        }
      }
      if (!complete && !this.snapshot) this.takeSnapshot(base + p);
      const rawEnd = nl < 0 ? len : nl;
      let contentEnd = rawEnd;
      // `\r*\n` ends a line; a `\r` at the very end of the text received so far is left
      // pending (it may be half of a `\r\n`), so it is never applied either.
      while (contentEnd > contentFrom && s.charCodeAt(contentEnd - 1) === CR) contentEnd--;

      const e = this.nextEsc(s, contentFrom);
      const c = this.nextCr(s, contentFrom);
      if (!continued && e >= contentEnd && c >= contentEnd) {
        const top = this.innermostSection();
        this.push(
          base + p,
          base + contentEnd,
          this.currentStyleId(),
          top,
          this.stack.length,
          lineFlags | LINE_PLAIN | (contentEnd === contentFrom ? LINE_EMPTY : 0),
          tsMs,
          stream,
        );
      } else {
        this.scanLine(s, base, p, contentFrom, contentEnd, continued, lineFlags, tsMs, stream);
      }
      p = nl < 0 ? len : nl + 1;
    }
  }

  /**
   * The hot loop: complete lines before the next ESC or CR are plain and share the current
   * style and section, so they are written straight into the columns. Returns where it stopped.
   */
  private scanPlainRun(s: string, base: number, from: number): number {
    const e = this.nextEsc(s, from);
    const c = this.nextCr(s, from);
    const limit = e < c ? e : c;
    let p = from;
    let nl = s.indexOf('\n', p);
    if (nl < 0 || nl > limit) return p;
    const style = this.currentStyleId();
    const stack = this.stack;
    const section = this.innermostSection();
    const depth = stack.length > 255 ? 255 : stack.length;
    let n = this.n;
    let cap = this.cap;
    let starts = this.starts;
    let ends = this.ends;
    let styles = this.styleIds;
    let sections = this.sectionIds;
    let depths = this.depths;
    let flags = this.flagBits;
    while (nl >= 0 && nl <= limit) {
      if (n === cap) {
        this.n = n;
        this.grow();
        cap = this.cap;
        starts = this.starts;
        ends = this.ends;
        styles = this.styleIds;
        sections = this.sectionIds;
        depths = this.depths;
        flags = this.flagBits;
      }
      starts[n] = base + p;
      ends[n] = base + nl;
      styles[n] = style;
      sections[n] = section;
      depths[n] = depth;
      flags[n] = nl === p ? LINE_PLAIN | LINE_EMPTY : LINE_PLAIN;
      n++;
      p = nl + 1;
      nl = s.indexOf('\n', p);
    }
    this.n = n;
    return p;
  }

  /**
   * scanPlainRun for timestamped logs: prefixed lines without `\r`. A line's SGR escapes
   * (colours: a fifth of a typical log's lines) and its `+` continuation lines are handled here
   * too, as scanLine would (such a line cannot hold a section marker, which needs a `\r`), so
   * neither ends the run. As there, the next ESC or CR is looked up once per run and what the
   * loop learns about the next line's prefix stays in locals until it stops.
   */
  private scanStampedRun(s: string, base: number, from: number): number {
    const len = s.length;
    let p = from;
    let valid = p === this.prefixAt ? this.prefixOk : hasTimestampPrefix(s, p);
    if (!valid || !this.times || !this.streams) return p;
    let esc = this.nextEsc(s, p + TS_PREFIX_LENGTH);
    const cr = this.nextCr(s, p + TS_PREFIX_LENGTH);
    const stack = this.stack;
    const section = this.innermostSection();
    const depth = stack.length > 255 ? 255 : stack.length;
    let style = this.currentStyleId();
    let n = this.n;
    let cap = this.cap;
    let starts = this.starts;
    let ends = this.ends;
    let styles = this.styleIds;
    let sections = this.sectionIds;
    let depths = this.depths;
    let flags = this.flagBits;
    let times = this.times;
    let streams = this.streams;
    let knownAt = -1;
    for (;;) {
      const cs = p + TS_PREFIX_LENGTH;
      const nl = s.indexOf('\n', cs);
      // The next prefix must be here to know that this line is not continued.
      if (nl < 0 || nl + TS_PREFIX_LENGTH >= len || nl > cr) break;
      let next = nl + 1;
      let nextOk = hasTimestampPrefix(s, next);
      knownAt = next;
      valid = nextOk;
      // End of the display line: this raw line's `\n`, or the last one of the `+` lines continuing it.
      let end = nl;
      if (nextOk && s.charCodeAt(next + 31) === 0x2b) {
        let complete = true;
        for (;;) {
          const after = s.indexOf('\n', next + TS_PREFIX_LENGTH);
          if (after < 0 || after + TS_PREFIX_LENGTH >= len) {
            complete = false;
            break;
          }
          end = after;
          next = after + 1;
          nextOk = hasTimestampPrefix(s, next);
          if (!nextOk || s.charCodeAt(next + 31) !== 0x2b) break;
        }
        // Not all here yet, or a `\r` among them: scanLine's turn.
        if (!complete || end > cr) break;
        knownAt = next;
        valid = nextOk;
      }
      if (n === cap) {
        this.n = n;
        this.grow();
        cap = this.cap;
        starts = this.starts;
        ends = this.ends;
        styles = this.styleIds;
        sections = this.sectionIds;
        depths = this.depths;
        flags = this.flagBits;
        times = this.times;
        streams = this.streams;
        if (!times || !streams) break;
      }
      let lineFlags = LINE_TIMESTAMP_PREFIX | (s.charCodeAt(p + 30) === 0x45 ? LINE_STDERR : 0);
      const lineStyle = style;
      if (esc < end || end !== nl) {
        // Escapes or continuations, as scanLine: the line is shown in its start style, an SGR
        // changes the style after it, and each joining `\n` + prefix is skipped.
        let q = cs;
        let visible = false;
        let join = nl;
        for (;;) {
          const k = esc < join ? esc : join;
          if (k > q) visible = true;
          if (k >= end) break;
          if (k === join) {
            q = join + 1 + TS_PREFIX_LENGTH;
            join = s.indexOf('\n', q);
            continue;
          }
          const stop = escapeEnd(s, esc, end);
          if (isSgr(s, esc, stop)) {
            applySgr(this.cur, s, esc + 2, stop - 1);
            this.curDirty = true;
          }
          q = stop;
          esc = this.nextEsc(s, q);
          if (join < q) join = s.indexOf('\n', q);
        }
        if (!visible) lineFlags |= LINE_EMPTY;
        style = this.currentStyleId();
      } else {
        lineFlags |= LINE_PLAIN | (nl === cs ? LINE_EMPTY : 0);
      }
      starts[n] = base + p;
      ends[n] = base + end;
      styles[n] = lineStyle;
      sections[n] = section;
      depths[n] = depth;
      flags[n] = lineFlags;
      // Parsed when the line is shown (lineTimestamp): most lines of a big log never are.
      times[n] = parseLaterAt(base + p);
      streams[n] = parseStreamId(s, p);
      n++;
      p = next;
      if (!nextOk) break;
    }
    if (knownAt >= 0) {
      this.prefixAt = knownAt;
      this.prefixOk = valid;
    }
    this.n = n;
    return p;
  }

  /** One raw line that holds escapes, `\r`, markers or continuations; may yield several display lines. */
  private scanLine(
    s: string,
    base: number,
    p: number,
    contentFrom: number,
    contentEnd: number,
    continued: boolean,
    firstFlags: number,
    tsMs: number,
    stream: number,
  ): void {
    const stack = this.stack;
    const d = this.dl;
    this.beginDisplayLine(p, firstFlags);

    let q = contentFrom;
    // The next `\n` joining a continuation, looked up again only once passed.
    let join = -1;
    for (;;) {
      const e = this.nextEsc(s, q);
      const c = this.nextCr(s, q);
      let k = e < c ? e : c;
      if (continued) {
        if (join < q) {
          join = s.indexOf('\n', q);
          if (join < 0) join = s.length;
        }
        if (join < k) k = join;
      }
      if (contentEnd < k) k = contentEnd;

      const marker = k === c && k < contentEnd ? findMarker(s, q, k, contentEnd) : null;
      const runEnd = marker ? marker.at : k;
      if (runEnd > q) {
        // Text after a section end on the same raw line belongs outside the section.
        if (d.afterEnd) this.emitDisplayLine(base, q, firstFlags, tsMs, stream);
        d.visible = true;
      }
      if (k >= contentEnd) break;

      if (marker) {
        if (marker.start) {
          if (d.visible || d.role & (LINE_HEADER | LINE_FOOTER)) this.emitDisplayLine(base, marker.at, firstFlags, tsMs, stream);
          const id = this.sectionList.length;
          const parent = this.innermostSection();
          stack.push(id);
          this.sectionList.push({
            id,
            name: marker.name,
            key: marker.key,
            headerLine: this.n,
            firstLine: this.n,
            lastLine: -1,
            startTs: marker.timestamp,
            endTs: NaN,
            durationSeconds: NaN,
            duration: '',
            collapsed: marker.collapsed,
            hideDuration: marker.hideDuration,
            parent,
            depth: stack.length,
            open: true,
          });
          d.section = id;
          d.depth = stack.length;
          d.role |= LINE_HEADER | LINE_MARKER;
          d.afterEnd = false;
        } else {
          let idx = stack.length - 1;
          while (idx >= 0 && this.sectionList[stack[idx] ?? -1]?.key !== marker.key) idx--;
          if (idx < 0) {
            // An end for a section that is not open is ignored (but not displayed).
            d.role |= LINE_MARKER;
          } else {
            if (d.visible || d.role & (LINE_HEADER | LINE_FOOTER)) this.emitDisplayLine(base, marker.at, firstFlags, tsMs, stream);
            // Ending a section also ends the sections still open inside it.
            for (let j = stack.length - 1; j >= idx; j--) {
              const id = stack[j] ?? -1;
              const sec = this.sectionList[id];
              if (!sec) continue;
              sec.endTs = marker.timestamp;
              sec.durationSeconds = Math.max(0, marker.timestamp - sec.startTs);
              sec.duration = formatSectionDuration(sec.durationSeconds);
              sec.lastLine = this.n;
              sec.open = false;
              if (this.snapshot) this.closedAfterSnapshot.push(id);
            }
            d.section = stack[idx] ?? -1;
            d.depth = idx + 1;
            stack.length = idx;
            d.role |= LINE_FOOTER | LINE_MARKER;
            d.afterEnd = true;
          }
        }
        q = k + MARKER_SUFFIX_LENGTH;
        continue;
      }
      if (k === e) {
        const end = escapeEnd(s, e, contentEnd);
        if (isSgr(s, e, end)) {
          applySgr(this.cur, s, e + 2, end - 1);
          this.curDirty = true;
        }
        q = end;
        continue;
      }
      if (k === c) {
        // A lone `\r` returns to the line start: only what follows is shown.
        d.visible = false;
        q = k + 1;
        continue;
      }
      // `\n` + `+` prefix: a continuation, joined to this line.
      q = k + 1 + TS_PREFIX_LENGTH;
    }
    this.emitDisplayLine(base, contentEnd, firstFlags, tsMs, stream);
  }

  private beginDisplayLine(start: number, flags: number): void {
    const d = this.dl;
    const stack = this.stack;
    d.start = start;
    d.style = this.currentStyleId();
    d.section = this.innermostSection();
    d.depth = stack.length;
    d.flags = flags;
    d.role = 0;
    d.visible = false;
    d.afterEnd = false;
  }

  private emitDisplayLine(base: number, end: number, firstFlags: number, tsMs: number, stream: number): void {
    const d = this.dl;
    this.push(base + d.start, base + end, d.style, d.section, d.depth, d.flags | d.role | (d.visible ? 0 : LINE_EMPTY), tsMs, stream);
    // A soft-broken line starts mid raw line: no prefix of its own, same time and stream.
    this.beginDisplayLine(end, firstFlags & LINE_STDERR);
  }
}

/** A new, empty index. */
export function createLogIndex(): LogIndex {
  return new Index();
}
