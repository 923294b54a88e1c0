import { useCallback, useRef, useState } from 'react';
import { describeError } from '../../gitlab/index.ts';
import { isArtifactArchiveError } from '../../gitlab/api/artifact-archive.ts';
import { saveBlobAs } from '../../ui/index.ts';

export type DownloadState =
  | { phase: 'idle' }
  | { phase: 'busy'; label: string; loaded?: number; total?: number | null }
  | { phase: 'done'; label: string; size: number }
  | { phase: 'error'; label: string; title: string; detail: string; /** A plain link a signed-in tab can open (storage without CORS). */ directUrl?: string };

/**
 * Runs one download at a time: fetch with the token in the header, then save the blob, so no
 * token ever goes into a URL. The state says what happened, in words.
 */
export type FetchBlob = (signal: AbortSignal, onProgress: (loaded: number, total: number | null) => void) => Promise<Blob>;
export type RunDownload = (label: string, filename: string, fetchBlob: FetchBlob, explain?: (e: unknown) => Promise<unknown>) => Promise<void>;

export function useDownload(): { state: DownloadState; run: RunDownload } {
  const [state, setState] = useState<DownloadState>({ phase: 'idle' });
  const current = useRef<AbortController | null>(null);
  const run = useCallback<RunDownload>(async (label, filename, fetchBlob, explain) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setState({ phase: 'busy', label });
    try {
      const blob = await fetchBlob(controller.signal, (loaded, total) => {
        if (!controller.signal.aborted) setState({ phase: 'busy', label, loaded, total });
      });
      if (controller.signal.aborted) return;
      saveBlobAs(blob, filename);
      setState({ phase: 'done', label, size: blob.size });
    } catch (e) {
      if (controller.signal.aborted) return;
      const why = explain ? await explain(e).catch(() => e) : e;
      if (isArtifactArchiveError(why)) {
        setState({ phase: 'error', label, title: 'The archive is kept where this page may not read it', detail: why.message, directUrl: why.downloadUrl });
        return;
      }
      const { title, detail } = describeError(why);
      setState({ phase: 'error', label, title, detail });
    }
  }, []);
  return { state, run };
}
