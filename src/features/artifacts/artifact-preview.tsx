import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { Connection } from '../../gitlab/index.ts';
import { ErrorState, LoadingState, formatBytes, stripAnsi } from '../../ui/index.ts';
import { JunitReportView } from './junit-report.tsx';
import { MAX_PREVIEW_BYTES, artifactPreviewQueryOptions, frameIsolationProblems } from './model/index.ts';
import type { LoadedPreview, PreviewContent, SandboxedFrameProps } from './model/index.ts';
import { TextPreview } from './text-preview.tsx';

export interface ArtifactPreviewProps {
  connection: Connection;
  projectId: number;
  jobId: number;
  path: string;
  size: number | null;
  /** Draws a coloured log (the job log's renderer); without it the log is shown as plain text. */
  renderAnsiText?: (text: string, label: string) => ReactNode;
  /** The file's download button. */
  downloadButton: ReactNode;
}

const KIND_WORD: Record<PreviewContent['kind'], string> = {
  text: 'Text',
  'ansi-log': 'Log',
  json: 'JSON',
  junit: 'JUnit test report',
  'junit-error': 'XML',
  image: 'Image',
  html: 'HTML',
  svg: 'SVG',
  binary: 'Binary',
};

/** One file, previewed in the page by what its bytes are: text, log, image, JSON, test report, HTML/SVG source or sandbox. */
export function ArtifactPreview({ connection, projectId, jobId, path, size, renderAnsiText, downloadButton }: ArtifactPreviewProps) {
  const query = useQuery(artifactPreviewQueryOptions(connection, projectId, jobId, path, size));
  const name = path.slice(path.lastIndexOf('/') + 1);
  return (
    <section className="artifact-preview" aria-label={`Preview of ${name}`}>
      <div className="artifact-preview__header">
        <h2 className="artifact-preview__title">{name}</h2>
        <span className="muted">
          {query.data ? `${KIND_WORD[query.data.content.kind]} · ` : ''}
          {size !== null ? formatBytes(size) : ''}
        </span>
        <span className="artifact-preview__actions">{downloadButton}</span>
      </div>
      {query.isPending ? <LoadingState label={`Loading ${name}`} rows={3} /> : null}
      {query.isError ? <ErrorState error={query.error} onRetry={() => void query.refetch()} /> : null}
      {query.data ? <PreviewBody preview={query.data} name={name} renderAnsiText={renderAnsiText} /> : null}
    </section>
  );
}

function PreviewBody({ preview, name, renderAnsiText }: { preview: LoadedPreview; name: string; renderAnsiText?: ArtifactPreviewProps['renderAnsiText'] }) {
  const c = preview.content;
  const label = `Contents of ${name}`;
  const partial = preview.partial ? (
    <p className="banner banner--info" role="note">
      Showing the first {formatBytes(MAX_PREVIEW_BYTES)}
      {preview.size !== null ? ` of ${formatBytes(preview.size)}` : ''}. Download the file to see all of it.
    </p>
  ) : null;
  const reason = c.decision.reason ? <p className="muted">Shown as {c.kind === 'binary' ? 'a download' : 'text'}: {c.decision.reason}.</p> : null;
  switch (c.kind) {
    case 'text':
      return (
        <>
          {partial}
          {reason}
          <TextPreview text={c.text} lines={c.lines} label={label} virtualise={c.decision.virtualise} />
        </>
      );
    case 'ansi-log':
      return (
        <>
          {partial}
          {renderAnsiText ? renderAnsiText(c.text, label) : <TextPreview text={c.text} lines={c.lines} label={label} virtualise={c.decision.virtualise} formatLine={stripAnsi} />}
        </>
      );
    case 'json':
      return (
        <>
          {partial}
          {reason}
          {c.error ? (
            <p className="banner banner--danger" role="note">
              {c.error}
            </p>
          ) : null}
          <TextPreview text={c.text} lines={c.lines} label={label} virtualise={c.decision.virtualise} />
        </>
      );
    case 'junit':
      return <JunitReportView report={c.report} label={`Test report ${name}`} />;
    case 'junit-error':
      return (
        <>
          <p className="banner banner--danger" role="note">
            {c.error}
          </p>
          <TextPreview text={c.text} lines={c.lines} label={label} virtualise={c.decision.virtualise} />
        </>
      );
    case 'image':
      return <ImagePreview blob={c.blob} name={name} />;
    case 'html':
    case 'svg':
      return (
        <>
          {partial}
          <MarkupPreview kind={c.kind} text={c.text} lines={c.lines} frame={c.frame} label={label} virtualise={c.decision.virtualise} />
        </>
      );
    case 'binary':
      return (
        <p className="artifact-preview__binary">
          {reason ?? null}
          This is a binary file{preview.size !== null ? ` of ${formatBytes(preview.size)}` : ''}: it cannot be shown here. Download it to open it.
        </p>
      );
  }
}

function ImagePreview({ blob, name }: { blob: Blob; name: string }) {
  const img = useRef<HTMLImageElement>(null);
  useEffect(() => {
    // The blob's type is what the bytes proved (PNG, JPEG, GIF, WebP): never SVG.
    const url = URL.createObjectURL(blob);
    if (img.current) img.current.src = url;
    return () => URL.revokeObjectURL(url);
  }, [blob]);
  return (
    <div className="artifact-image">
      <img ref={img} alt={name} />
    </div>
  );
}

function MarkupPreview({ kind, text, lines, frame, label, virtualise }: { kind: 'html' | 'svg'; text: string; lines: Uint32Array; frame: SandboxedFrameProps; label: string; virtualise: boolean }) {
  const [rendered, setRendered] = useState(false);
  const problems = frameIsolationProblems({ ...frame });
  return (
    <>
      <div className="artifact-markup__bar" role="group" aria-label="How to show this file">
        <button type="button" className="button" aria-pressed={!rendered} onClick={() => setRendered(false)}>
          Source
        </button>
        <button type="button" className="button" aria-pressed={rendered} onClick={() => setRendered(true)} disabled={problems.length > 0}>
          Render in a sandbox
        </button>
        <span className="muted">
          {kind === 'svg' ? 'SVG' : 'HTML'} from artifacts is rendered only in a sandbox: no scripts, no forms, no access to this site, nothing loaded from the network.
        </span>
      </div>
      {rendered && problems.length === 0 ? (
        <iframe className="artifact-frame" {...frame} />
      ) : (
        <TextPreview text={text} lines={lines} label={label} virtualise={virtualise} />
      )}
    </>
  );
}
