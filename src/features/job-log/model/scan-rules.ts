/**
 * The lexical rules of a GitLab job log, shared by the indexer (log-index.ts) and the line
 * renderer (line-text.ts) so that both always agree on what a line displays.
 * Read from GitLab's lib/gitlab/ci/ansi2json/v2/converter.rb and lib/gitlab/regex.rb.
 */

export const ESC = 0x1b;
export const CR = 0x0d;
export const LF = 0x0a;

/**
 * End (exclusive) of the escape sequence that starts at `text[pos] === ESC`, never past `limit`.
 * CSI (`ESC[…final`), string sequences (OSC/DCS/SOS/PM/APC up to BEL or `ESC\`), nF
 * (`ESC ( B`), and two-byte escapes are all recognised so that they can be dropped whole.
 * A sequence cut by `limit` (end of the line or of the text received so far) ends at `limit`.
 */
export function escapeEnd(text: string, pos: number, limit: number): number {
  const j0 = pos + 1;
  if (j0 >= limit) return limit;
  const c1 = text.charCodeAt(j0);
  if (c1 === 0x5b) {
    // CSI: parameters 0x30-0x3f, intermediates 0x20-0x2f, one final byte 0x40-0x7e.
    let j = j0 + 1;
    while (j < limit) {
      const c = text.charCodeAt(j);
      if (c < 0x30 || c > 0x3f) break;
      j++;
    }
    return intermediatesAndFinalEnd(text, j, limit, 0x40);
  }
  if (c1 === 0x5d || c1 === 0x50 || c1 === 0x58 || c1 === 0x5e || c1 === 0x5f) {
    // String sequence: OSC (hyperlinks, titles), DCS, SOS, PM, APC.
    for (let j = j0 + 1; j < limit; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x07) return j + 1;
      if (c === ESC && j + 1 < limit && text.charCodeAt(j + 1) === 0x5c) return j + 2;
    }
    // Unterminated on this line: drop only the introducer rather than swallow the text.
    return j0 + 1;
  }
  if (c1 >= 0x20 && c1 <= 0x2f) {
    // nF escape such as `ESC ( B` (designate character set).
    return intermediatesAndFinalEnd(text, j0 + 1, limit, 0x30);
  }
  if (c1 >= 0x30 && c1 <= 0x7e) return j0 + 1;
  return j0;
}

/**
 * The tail shared by CSI and nF escapes: intermediate bytes 0x20-0x2f from `j`, then one final
 * byte from `firstFinal` to 0x7e. A sequence with another byte there is malformed and is dropped
 * up to that byte, which stays as text; one cut by `limit` ends at `limit`.
 */
function intermediatesAndFinalEnd(text: string, j: number, limit: number, firstFinal: number): number {
  while (j < limit) {
    const c = text.charCodeAt(j);
    if (c < 0x20 || c > 0x2f) break;
    j++;
  }
  if (j >= limit) return limit;
  const f = text.charCodeAt(j);
  return f >= firstFinal && f <= 0x7e ? j + 1 : j;
}

/**
 * `escapeEnd` over UTF-8 bytes (offsets in bytes): the same rules, which look only at ASCII
 * codes, so a sequence ends at the same character in the bytes as in the text. For scanning
 * compacted text without decoding it (utf8-scan.ts); the search tests check both agree.
 */
export function escapeEndInBytes(bytes: Uint8Array, pos: number, limit: number): number {
  const j0 = pos + 1;
  if (j0 >= limit) return limit;
  const c1 = bytes[j0] ?? 0;
  if (c1 === 0x5b) {
    let j = j0 + 1;
    while (j < limit) {
      const c = bytes[j] ?? 0;
      if (c < 0x30 || c > 0x3f) break;
      j++;
    }
    return intermediatesAndFinalEndInBytes(bytes, j, limit, 0x40);
  }
  if (c1 === 0x5d || c1 === 0x50 || c1 === 0x58 || c1 === 0x5e || c1 === 0x5f) {
    for (let j = j0 + 1; j < limit; j++) {
      const c = bytes[j] ?? 0;
      if (c === 0x07) return j + 1;
      if (c === ESC && j + 1 < limit && bytes[j + 1] === 0x5c) return j + 2;
    }
    return j0 + 1;
  }
  if (c1 >= 0x20 && c1 <= 0x2f) return intermediatesAndFinalEndInBytes(bytes, j0 + 1, limit, 0x30);
  if (c1 >= 0x30 && c1 <= 0x7e) return j0 + 1;
  return j0;
}

function intermediatesAndFinalEndInBytes(bytes: Uint8Array, j: number, limit: number, firstFinal: number): number {
  while (j < limit) {
    const c = bytes[j] ?? 0;
    if (c < 0x20 || c > 0x2f) break;
    j++;
  }
  if (j >= limit) return limit;
  const f = bytes[j] ?? 0;
  return f >= firstFinal && f <= 0x7e ? j + 1 : j;
}

/** True when the escape `text[pos, end)` is an SGR sequence (`ESC[` params `m`). */
export function isSgr(text: string, pos: number, end: number): boolean {
  if (end - pos < 3 || text.charCodeAt(pos + 1) !== 0x5b || text.charCodeAt(end - 1) !== 0x6d) return false;
  // Private-mode sequences (`ESC[?…m`, `ESC[>…m`) are not SGR; intermediates make it another command.
  for (let j = pos + 2; j < end - 1; j++) {
    const c = text.charCodeAt(j);
    if (c < 0x30 || c > 0x3b) return false;
  }
  return true;
}

/** What a section marker says; `name` is as written, `key` is GitLab's sanitised form. */
export interface SectionMarker {
  /** Offset of `section_` in the scanned text. */
  at: number;
  start: boolean;
  timestamp: number;
  name: string;
  key: string;
  collapsed: boolean;
  hideDuration: boolean;
}

const SECTION_ = 'section_';
const MARKER_SUFFIX = '\r\x1b[0K';

/**
 * A section marker `section_(start|end):<ts>:<name>[opts]` ends at every `\r` followed by
 * `ESC[0K`. Given the position of that `\r` and the start of the plain-text run before it,
 * returns the marker, or null when the run holds no valid marker.
 */
export function findMarker(text: string, runStart: number, crPos: number, limit: number): SectionMarker | null {
  if (crPos + MARKER_SUFFIX.length > limit || !text.startsWith(MARKER_SUFFIX, crPos)) return null;
  // A name may itself contain "section_", so try each occurrence from the nearest back.
  let m = text.lastIndexOf(SECTION_, crPos - 1);
  while (m >= runStart) {
    const marker = parseMarkerBody(text, m, crPos);
    if (marker) return marker;
    m = m > 0 ? text.lastIndexOf(SECTION_, m - 1) : -1;
  }
  return null;
}

/** Length of the marker terminator `\r ESC [ 0 K`. */
export const MARKER_SUFFIX_LENGTH = MARKER_SUFFIX.length;

function isNameChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2e || c === 0x2d
  );
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c === 0x5f;
}

/**
 * Parses `text[from, to)` as a marker (GitLab's build_trace_section_regex without the
 * `\r ESC[0K` suffix). Returns null when it is not exactly one.
 */
export function parseMarkerBody(text: string, from: number, to: number): SectionMarker | null {
  let j = from + SECTION_.length;
  let start: boolean;
  if (text.startsWith('start:', j)) {
    start = true;
    j += 6;
  } else if (text.startsWith('end:', j)) {
    start = false;
    j += 4;
  } else return null;
  const tsFrom = j;
  let timestamp = 0;
  while (j < to) {
    const c = text.charCodeAt(j);
    if (c < 0x30 || c > 0x39) break;
    timestamp = timestamp * 10 + (c - 0x30);
    j++;
  }
  if (j === tsFrom || j >= to || text.charCodeAt(j) !== 0x3a) return null;
  j++;
  const nameFrom = j;
  while (j < to && isNameChar(text.charCodeAt(j))) j++;
  if (j === nameFrom) return null;
  const name = text.slice(nameFrom, j);
  let collapsed = false;
  let hideDuration = false;
  if (j < to) {
    // Options `[key=value(, ?key=value)*]`, only on what GitLab accepts.
    if (text.charCodeAt(j) !== 0x5b || text.charCodeAt(to - 1) !== 0x5d) return null;
    const body = text.slice(j + 1, to - 1);
    const pairs = body.split(',');
    for (let k = 0; k < pairs.length; k++) {
      let pair = pairs[k] ?? '';
      if (k > 0 && pair.charCodeAt(0) === 0x20) pair = pair.slice(1);
      const eq = pair.indexOf('=');
      if (eq <= 0 || eq === pair.length - 1) return null;
      for (let q = 0; q < pair.length; q++) {
        if (q !== eq && !isWordChar(pair.charCodeAt(q))) return null;
      }
      const key = pair.slice(0, eq);
      const value = pair.slice(eq + 1);
      if (key === 'collapsed') collapsed = value === 'true';
      else if (key === 'hide_duration') hideDuration = value === 'true';
    }
  }
  return { at: from, start, timestamp, name, key: sectionKey(name), collapsed, hideDuration };
}

/** GitLab matches section ends to starts by this sanitised name. */
export function sectionKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '-');
}

/** Runner timestamp prefix: `2024-05-22T12:43:46.962646Z 00O ` (32 chars). */
export const TS_PREFIX_LENGTH = 32;

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66);
}

const TS_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22, 23, 24, 25];

/**
 * True when a runner timestamp prefix starts at `pos` (and is fully present): the shape GitLab's
 * converter checks (separators, `Z`) plus stream and flags. Once the first line has passed
 * isTimestampPrefix, this cheaper check is enough for every other line.
 */
export function hasTimestampPrefix(text: string, pos: number): boolean {
  if (pos + TS_PREFIX_LENGTH > text.length) return false;
  if (
    text.charCodeAt(pos + 4) !== 0x2d ||
    text.charCodeAt(pos + 7) !== 0x2d ||
    text.charCodeAt(pos + 10) !== 0x54 ||
    text.charCodeAt(pos + 13) !== 0x3a ||
    text.charCodeAt(pos + 16) !== 0x3a ||
    text.charCodeAt(pos + 19) !== 0x2e ||
    text.charCodeAt(pos + 26) !== 0x5a ||
    text.charCodeAt(pos + 27) !== 0x20
  ) {
    return false;
  }
  if (!isHex(text.charCodeAt(pos + 28)) || !isHex(text.charCodeAt(pos + 29))) return false;
  const kind = text.charCodeAt(pos + 30);
  if (kind !== 0x4f && kind !== 0x45) return false;
  const join = text.charCodeAt(pos + 31);
  return join === 0x20 || join === 0x2b;
}

/** hasTimestampPrefix and every digit in place: decides whether a log is timestamped at all. */
export function isTimestampPrefix(text: string, pos: number): boolean {
  if (!hasTimestampPrefix(text, pos)) return false;
  for (let k = 0; k < TS_DIGITS.length; k++) if (!isDigit(text.charCodeAt(pos + (TS_DIGITS[k] ?? 0)))) return false;
  return true;
}

function num(text: string, pos: number, len: number): number {
  let v = 0;
  for (let i = 0; i < len; i++) v = v * 10 + (text.charCodeAt(pos + i) - 0x30);
  return v;
}

/** Unix milliseconds (with the microseconds as a fraction) of a valid prefix at `pos`. */
export function parseTimestampMs(text: string, pos: number): number {
  return secondMs(text, pos) + num(text, pos + 20, 6) / 1000;
}

function secondMs(text: string, pos: number): number {
  return Date.UTC(
    num(text, pos, 4),
    num(text, pos + 5, 2) - 1,
    num(text, pos + 8, 2),
    num(text, pos + 11, 2),
    num(text, pos + 14, 2),
    num(text, pos + 17, 2),
  );
}

/** Stream id (two hex digits: 00 runner, 01 script, 0f+ services) of a valid prefix at `pos`. */
export function parseStreamId(text: string, pos: number): number {
  return hexValue(text.charCodeAt(pos + 28)) * 16 + hexValue(text.charCodeAt(pos + 29));
}

function hexValue(c: number): number {
  return c <= 0x39 ? c - 0x30 : c - 0x61 + 10;
}

export function isStderrPrefix(text: string, pos: number): boolean {
  return text.charCodeAt(pos + 30) === 0x45;
}

export function isContinuationPrefix(text: string, pos: number): boolean {
  return text.charCodeAt(pos + 31) === 0x2b;
}
