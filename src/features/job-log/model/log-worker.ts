/**
 * The job log index off the main thread: a big log is parsed, searched and sliced here so
 * that the page never freezes. Started by log-worker-client.ts.
 */
import { idleCompactor } from './compaction.ts';
import { createLogIndex } from './log-index.ts';
import { handleLogRequest, transferablesOf, type LogWireRequest, type LogWireResponse } from './log-protocol.ts';

// The project's lib is DOM, not WebWorker: this is the part of the worker scope used here.
interface WorkerScope {
  onmessage: ((event: MessageEvent<LogWireRequest>) => void) | null;
  postMessage(message: LogWireResponse, transfer: Transferable[]): void;
}

const scope = self as unknown as WorkerScope;
/** Pause between two chunk conversions: the worker's cores are shared with the page's. */
const COMPACT_STEP_DELAY_MS = 20;
const index = createLogIndex();
// Between requests, the text that can no longer grow becomes UTF-8 bytes, a chunk at a time.
const compactWhenIdle = idleCompactor(index, (step) => setTimeout(step, COMPACT_STEP_DELAY_MS));

scope.onmessage = (event) => {
  const { id, request } = event.data;
  let response: LogWireResponse;
  try {
    response = { id, ok: true, result: handleLogRequest(index, request) };
  } catch (error) {
    response = { id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
  scope.postMessage(response, response.ok ? transferablesOf(response.result) : []);
  compactWhenIdle();
};
