/**
 * Loads what the preview pane shows for one file: fetches its first bytes (the whole file when
 * it is small or clearly previewable), decides the kind, and prepares the content: decoded
 * text with line starts, formatted JSON, a parsed JUnit report, an image Blob typed by its
 * bytes, or the sandboxed frame of an HTML/SVG file. Binary files get nothing but their size.
 */
import { queryOptions } from '@tanstack/react-query';
import { gitlabKeys } from '../../../gitlab/index.ts';
import type { Connection, ProjectRef } from '../../../gitlab/index.ts';
import { fetchArtifactFileHead } from '../../../gitlab/api/artifact-archive.ts';
import { JunitParseError, parseJunitXml } from './junit.ts';
import type { JunitReport } from './junit.ts';
import { MAX_IMAGE_BYTES, MAX_PREVIEW_BYTES, SNIFF_BYTES, decidePreview, decodeText, formatJson, lineStarts } from './preview-kind.ts';
import type { ImageType, PreviewDecision } from './preview-kind.ts';
import { sandboxedFrameProps } from './sandbox.ts';
import type { SandboxedFrameProps } from './sandbox.ts';

interface TextBody {
  text: string;
  /** Line starts for a virtual list with line numbers (preview-kind.ts `lineAt`). */
  lines: Uint32Array;
}

export type PreviewContent =
  | ({ kind: 'text' | 'ansi-log'; decision: PreviewDecision } & TextBody)
  | ({ kind: 'json'; decision: PreviewDecision; formatted: boolean; error?: string } & TextBody)
  | { kind: 'junit'; decision: PreviewDecision; report: JunitReport }
  /** The XML did not parse as a report: say why and show it as text. */
  | ({ kind: 'junit-error'; decision: PreviewDecision; error: string } & TextBody)
  | { kind: 'image'; decision: PreviewDecision; blob: Blob; imageType: ImageType }
  /** Source by default; `frame` renders it sandboxed when the person asks. */
  | ({ kind: 'html' | 'svg'; decision: PreviewDecision; frame: SandboxedFrameProps } & TextBody)
  | { kind: 'binary'; decision: PreviewDecision };

export interface LoadedPreview {
  path: string;
  /** The file's size when known. */
  size: number | null;
  /** Only the first MAX_PREVIEW_BYTES are shown: offer the download for the rest. */
  partial: boolean;
  content: PreviewContent;
}

const LIKELY_PREVIEWABLE = /\.(txt|log|md|csv|tsv|ya?ml|json|xml|html?|svg|png|jpe?g|gif|webp|ts|tsx|js|rb|py|go|sh|css|toml|ini|out)$/i;

function textBody(text: string): TextBody {
  return { text, lines: lineStarts(text) };
}

/** Builds the preview from bytes already fetched (the head of the file, or all of it). */
export function previewFromBytes(path: string, bytes: Uint8Array, size: number | null, truncated: boolean): LoadedPreview {
  const decision = decidePreview(path, bytes.subarray(0, SNIFF_BYTES), size);
  const partial = truncated;
  const base = { path, size, partial };
  const text = () => decodeText(bytes, truncated);
  switch (decision.kind) {
    case 'binary':
      return { ...base, partial: false, content: { kind: 'binary', decision } };
    case 'image': {
      if (truncated || !decision.imageType) return { ...base, partial: false, content: { kind: 'binary', decision: { ...decision, kind: 'binary', reason: 'too large to show as an image' } } };
      // The Blob's type is what the bytes proved, so the browser decodes it as that image only.
      const copy = new Uint8Array(bytes);
      return { ...base, content: { kind: 'image', decision, blob: new Blob([copy], { type: decision.imageType }), imageType: decision.imageType } };
    }
    case 'json': {
      const raw = text();
      if (truncated) return { ...base, content: { kind: 'json', decision, formatted: false, error: 'Only the start of this file was loaded, so it is shown as it is.', ...textBody(raw) } };
      const f = formatJson(raw);
      if (f.ok) return { ...base, content: { kind: 'json', decision, formatted: true, ...textBody(f.text) } };
      const where = f.line !== undefined ? ` (line ${f.line}, column ${f.column ?? 0})` : '';
      return { ...base, content: { kind: 'json', decision, formatted: false, error: `Not valid JSON${where}: ${f.error}`, ...textBody(raw) } };
    }
    case 'junit': {
      const raw = text();
      if (truncated) return { ...base, content: { kind: 'junit-error', decision, error: 'Only the start of this report was loaded; download it to see it all.', ...textBody(raw) } };
      try {
        return { ...base, content: { kind: 'junit', decision, report: parseJunitXml(raw) } };
      } catch (e) {
        const error = e instanceof JunitParseError ? e.message : `The report could not be read: ${e instanceof Error ? e.message : String(e)}`;
        return { ...base, content: { kind: 'junit-error', decision, error, ...textBody(raw) } };
      }
    }
    case 'html':
    case 'svg': {
      const raw = text();
      return { ...base, content: { kind: decision.kind, decision, frame: sandboxedFrameProps(decision.kind, raw, `${decision.kind.toUpperCase()} artifact ${path}`), ...textBody(raw) } };
    }
    case 'text':
    case 'ansi-log':
      return { ...base, content: { kind: decision.kind, decision, ...textBody(text()) } };
  }
}

/**
 * Fetches and prepares one file's preview. Small or clearly previewable files come in one
 * request (up to MAX_PREVIEW_BYTES); others first send SNIFF_BYTES to decide, then the rest
 * only when the kind is worth showing.
 */
export async function loadPreview(conn: Connection, project: ProjectRef, jobId: number, path: string, options: { size?: number | null; signal?: AbortSignal } = {}): Promise<LoadedPreview> {
  const size = options.size ?? null;
  const oneShot = size !== null ? size <= MAX_PREVIEW_BYTES && (size <= SNIFF_BYTES || LIKELY_PREVIEWABLE.test(path)) : false;
  const first = await fetchArtifactFileHead(conn, project, jobId, path, { maxBytes: oneShot ? MAX_PREVIEW_BYTES : SNIFF_BYTES, signal: options.signal });
  const knownSize = size ?? first.size;
  if (!first.truncated || oneShot) return previewFromBytes(path, first.bytes, knownSize, first.truncated);
  const decision = decidePreview(path, first.bytes, knownSize);
  if (decision.kind === 'binary') return { path, size: knownSize, partial: false, content: { kind: 'binary', decision } };
  const cap = decision.kind === 'image' ? MAX_IMAGE_BYTES : MAX_PREVIEW_BYTES;
  const all = await fetchArtifactFileHead(conn, project, jobId, path, { maxBytes: cap, signal: options.signal });
  return previewFromBytes(path, all.bytes, knownSize ?? all.size, all.truncated);
}

export function artifactPreviewQueryOptions(conn: Connection, project: ProjectRef, jobId: number, path: string, size: number | null = null) {
  return queryOptions({
    // The listed size decides how the file is asked for (one request or a sniff first).
    queryKey: [...gitlabKeys.artifactFile(conn, project, jobId, path), 'preview', size] as const,
    queryFn: ({ signal }) => loadPreview(conn, project, jobId, path, { size, signal }),
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: 60 * 1000,
  });
}
