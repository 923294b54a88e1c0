/**
 * Which preview a file gets, from its path and its first bytes (never from the server's
 * Content-Type, which is the archive's word, not the file's). Images are trusted only when
 * their bytes say so; SVG and HTML are never images or pages of the app (sandbox.ts).
 */

export type PreviewKind = 'text' | 'ansi-log' | 'image' | 'json' | 'junit' | 'html' | 'svg' | 'binary';

export type ImageType = 'image/png' | 'image/jpeg' | 'image/gif' | 'image/webp';

export interface PreviewDecision {
  kind: PreviewKind;
  /** For `image`: the type the bytes prove, to put on the Blob (never the server's). */
  imageType?: ImageType;
  /** A language hint for text (the extension), e.g. "yml", "ts". */
  language?: string;
  /** Text above VIRTUALISE_BYTES is drawn as a virtual list. */
  virtualise: boolean;
  /** The file is larger than the preview fetches (MAX_PREVIEW_BYTES): show the first part and offer the download. */
  partial: boolean;
  /** Why a file that looked previewable is download-only (e.g. "too large to show as an image"). */
  reason?: string;
}

/** How much of a file is fetched to choose its preview. */
export const SNIFF_BYTES = 8 * 1024;
/** Text past this many bytes is virtualised (only the visible lines are in the DOM). */
export const VIRTUALISE_BYTES = 256 * 1024;
/** The most a text preview fetches; larger files show their first part. */
export const MAX_PREVIEW_BYTES = 10 * 1024 * 1024;
/** JSON larger than this is shown as text (formatting it would freeze the tab). */
export const MAX_JSON_FORMAT_BYTES = 5 * 1024 * 1024;
/** JUnit larger than this is shown as text. */
export const MAX_JUNIT_BYTES = 20 * 1024 * 1024;
/** Images larger than this are download-only. */
export const MAX_IMAGE_BYTES = 25 * 1024 * 1024;

const TEXT_EXTENSIONS = new Set([
  'txt', 'log', 'md', 'markdown', 'rst', 'csv', 'tsv', 'yml', 'yaml', 'toml', 'ini', 'cfg', 'conf', 'env', 'properties',
  'xml', 'json', 'jsonl', 'ndjson', 'lock', 'sum', 'mod', 'diff', 'patch', 'sql', 'graphql', 'gql', 'proto',
  'ts', 'tsx', 'js', 'jsx', 'mjs', 'cjs', 'css', 'scss', 'less', 'vue', 'svelte',
  'rb', 'erb', 'rake', 'py', 'go', 'rs', 'java', 'kt', 'kts', 'scala', 'groovy', 'gradle', 'c', 'h', 'cc', 'cpp', 'hpp', 'cs', 'swift', 'm',
  'php', 'pl', 'pm', 'lua', 'r', 'sh', 'bash', 'zsh', 'fish', 'ps1', 'bat', 'cmd', 'tf', 'hcl', 'dockerfile', 'makefile', 'mk', 'cmake',
  'gitignore', 'gitattributes', 'editorconfig', 'out', 'err', 'trace', 'junit', 'tap', 'lcov', 'info', 'map',
]);
const TEXT_NAMES = new Set(['dockerfile', 'makefile', 'gemfile', 'rakefile', 'procfile', 'license', 'readme', 'changelog', 'codeowners', 'vagrantfile']);
const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'gif', 'webp']);
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml']);

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return TEXT_NAMES.has(name) ? name : '';
  return name.slice(dot + 1);
}

/** The image type proven by the file's magic bytes, or null. */
export function sniffImage(bytes: Uint8Array): ImageType | null {
  const b = (i: number) => bytes[i] ?? -1;
  if (b(0) === 0x89 && b(1) === 0x50 && b(2) === 0x4e && b(3) === 0x47 && b(4) === 0x0d && b(5) === 0x0a && b(6) === 0x1a && b(7) === 0x0a) return 'image/png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'image/jpeg';
  if (b(0) === 0x47 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x38 && (b(4) === 0x37 || b(4) === 0x39) && b(5) === 0x61) return 'image/gif';
  if (b(0) === 0x52 && b(1) === 0x49 && b(2) === 0x46 && b(3) === 0x46 && b(8) === 0x57 && b(9) === 0x45 && b(10) === 0x42 && b(11) === 0x50) return 'image/webp';
  return null;
}

/**
 * Whether bytes are text: valid UTF-8 (a sequence cut at the end of the sample is allowed),
 * no NUL, and few control characters other than tab, newlines, form feed and ESC.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  let controls = 0;
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const c = bytes[i] ?? 0;
    if (c === 0) return false;
    if (c < 0x80) {
      if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c && c !== 0x1b && c !== 0x08) controls += 1;
      i += 1;
      continue;
    }
    const len = c >= 0xf5 ? 0 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
    if (len === 0) return false;
    if (i + len > n) return true; // cut by the sample's end
    for (let k = 1; k < len; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return false;
    i += len;
  }
  return controls <= Math.max(2, n / 100);
}

const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });

function headText(bytes: Uint8Array, max = 4096): string {
  return decoder.decode(bytes.subarray(0, max)).replace(/^\uFEFF/, '');
}

/** An SGR or other CSI escape: what makes a text a coloured log. */
// eslint-disable-next-line no-control-regex -- ESC is the very character looked for
const ANSI_CSI = /\u001b\[[0-9;?]*[A-Za-z]/;

function isJunit(text: string): boolean {
  // Past the prolog, comments and a doctype, the root element is testsuites or testsuite.
  const body = text.replace(/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*/i, '');
  return /^<(?:testsuites|testsuite)[\s>/]/.test(body);
}

function isSvg(text: string): boolean {
  const body = text.replace(/^\s*(?:<\?xml[^>]*\?>\s*)?(?:<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*/i, '');
  return /^<svg[\s>]/i.test(body);
}

function isHtml(text: string): boolean {
  return /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i.test(text);
}

/**
 * Chooses the preview for a file. `head` is its first bytes (SNIFF_BYTES is enough); `size`
 * its full size when known (from the listing).
 */
export function decidePreview(path: string, head: Uint8Array, size: number | null = null): PreviewDecision {
  const ext = extensionOf(path);
  const total = size ?? head.length;
  const partial = total > MAX_PREVIEW_BYTES;
  const base = { virtualise: total > VIRTUALISE_BYTES, partial };

  const image = sniffImage(head);
  if (image) {
    if (total > MAX_IMAGE_BYTES) return { kind: 'binary', virtualise: false, partial: false, reason: 'too large to show as an image' };
    return { kind: 'image', imageType: image, virtualise: false, partial: false };
  }
  if (!looksLikeText(head)) {
    const reason = IMAGE_EXTENSIONS.has(ext) ? 'named as an image, but its bytes are not one' : undefined;
    return { kind: 'binary', virtualise: false, partial: false, ...(reason ? { reason } : {}) };
  }

  const text = headText(head);
  if (ext === 'svg' || ext === 'svgz' || isSvg(text)) return { kind: 'svg', ...base, language: 'svg' };
  if (HTML_EXTENSIONS.has(ext) || isHtml(text)) return { kind: 'html', ...base, language: 'html' };
  if (isJunit(text)) {
    if (total <= MAX_JUNIT_BYTES) return { kind: 'junit', ...base, language: 'xml' };
    return { kind: 'text', ...base, language: 'xml', reason: 'too large to show as a test report' };
  }
  const jsonByName = ext === 'json' || ext === 'har';
  // No extension: JSON only if it starts like JSON and is not a coloured log.
  const jsonBySniff = ext === '' && /^\s*[[{]/.test(text) && !ANSI_CSI.test(text);
  if (jsonByName || jsonBySniff) {
    if (total <= MAX_JSON_FORMAT_BYTES) return { kind: 'json', ...base, language: 'json' };
    return { kind: 'text', ...base, language: 'json', reason: 'too large to format' };
  }
  if (ANSI_CSI.test(text)) return { kind: 'ansi-log', ...base, ...(ext ? { language: ext } : {}) };
  return { kind: 'text', ...base, ...(ext && TEXT_EXTENSIONS.has(ext) ? { language: ext } : {}) };
}

export type JsonFormat = { ok: true; text: string } | { ok: false; error: string; line?: number; column?: number };

/** Pretty-prints JSON with two spaces; a parse error says where, so the raw text can be shown with it. */
export function formatJson(text: string): JsonFormat {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return { ok: true, text: JSON.stringify(value, null, 2) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    if (at) {
      const pos = Number(at[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const column = pos - before.lastIndexOf('\n');
      return { ok: false, error: message, line, column };
    }
    return { ok: false, error: message };
  }
}

/** Decodes text for display: UTF-8, invalid bytes as U+FFFD, a BOM dropped, a sequence cut by a partial fetch dropped. */
export function decodeText(bytes: Uint8Array, partial = false): string {
  let end = bytes.length;
  if (partial) {
    // Step back over a multi-byte sequence cut at the end of what was fetched.
    let k = end - 1;
    while (k >= 0 && k > end - 4 && ((bytes[k] ?? 0) & 0xc0) === 0x80) k--;
    const lead = bytes[k] ?? 0;
    const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (k >= 0 && end - k < need) end = k;
  }
  return new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, end)).replace(/^\uFEFF/, '');
}

/**
 * Where each line starts, for a virtual list with line numbers: `starts[i]` is the offset of
 * line i+1; a final newline does not open an empty last line.
 */
export function lineStarts(text: string): Uint32Array {
  let count = 1;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (i < text.length - 1) count++;
  const starts = new Uint32Array(count);
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && n < count; i = text.indexOf('\n', i + 1)) starts[n++] = i + 1;
  return starts;
}

/** Line `index` (0-based) of `text`, without its line end. */
export function lineAt(text: string, starts: Uint32Array, index: number): string {
  const start = starts[index];
  if (start === undefined) return '';
  const next = starts[index + 1];
  let end = next === undefined ? text.length : next - 1;
  if (next === undefined && text.endsWith('\n')) end = text.length - 1;
  if (end > start && text.charCodeAt(end - 1) === 13) end--;
  return text.slice(start, Math.max(start, end));
}
