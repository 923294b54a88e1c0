import { describe, expect, it } from 'vitest';
import { createLogIndex } from './log-index.ts';
import { handleLogRequest, transferablesOf, type LogWireRequest, type LogWireResponse } from './log-protocol.ts';
import { createLogClient, type WorkerLike } from './log-worker-client.ts';

const E = '\x1b';

/** An in-process stand-in for the worker: the same handler, answers asynchronously. */
function fakeWorker(log: { requests: string[] }): WorkerLike {
  const index = createLogIndex();
  const listeners: ((event: MessageEvent<LogWireResponse>) => void)[] = [];
  return {
    postMessage(message: LogWireRequest) {
      log.requests.push(message.request.type);
      queueMicrotask(() => {
        let data: LogWireResponse;
        try {
          data = { id: message.id, ok: true, result: handleLogRequest(index, message.request) };
        } catch (error) {
          data = { id: message.id, ok: false, error: String(error) };
        }
        for (const l of listeners) l({ data } as MessageEvent<LogWireResponse>);
      });
    },
    addEventListener(type: string, listener: (event: never) => void) {
      if (type === 'message') listeners.push(listener as (event: MessageEvent<LogWireResponse>) => void);
    },
    terminate() {},
  };
}

describe('createLogClient', () => {
  it('runs on the same thread for small logs and in tests', async () => {
    const client = createLogClient({ mode: 'inline' });
    expect(client.mode).toBe('inline');
    const summary = await client.append(`${E}[0Ksection_start:1:a[collapsed=true]\r${E}[0KHead\nbody\n`);
    expect(summary).toMatchObject({ lineCount: 2, hasTimestamps: false });
    expect(summary.sections[0]).toMatchObject({ name: 'a', collapsed: true, open: true });
    const lines = await client.lines(0, 10);
    expect(lines.map((l) => [l.text, l.depth, l.section])).toEqual([
      ['Head', 1, 0],
      ['body', 1, 0],
    ]);
    expect(Array.from(await client.rows([0]))).toEqual([0]);
    expect(Array.from(await client.rows([]))).toEqual([0, 1]);
  });

  it('sync parses only the appended tail of each full-log poll, and anew when it shrank', async () => {
    const client = createLogClient({ mode: 'inline' });
    await client.sync('one\ntw');
    let s = await client.sync('one\ntwo\nthree\n');
    expect(s.lineCount).toBe(3);
    expect((await client.lines(1, 2))[0]?.text).toBe('two');
    s = await client.sync('one\ntwo\nthree\n');
    expect(s.lineCount).toBe(3);
    s = await client.sync('retried\n');
    expect(s.lineCount).toBe(1);
    expect((await client.lines(0, 1))[0]?.text).toBe('retried');
    s = await client.sync('');
    expect(s.lineCount).toBe(0);
  });

  it('searches and finds failures', async () => {
    const client = createLogClient({ mode: 'inline' });
    await client.append('ok\nERROR: boom\nerror: again\n');
    const r = await client.search('error');
    expect(r.ok && r.total).toBe(2);
    expect(Array.from(await client.failures())).toEqual([1, 2]);
    const bad = await client.search('(', { regex: true });
    expect(bad.ok).toBe(false);
  });

  it('moves a growing log to the worker once it passes the threshold, keeping the index', async () => {
    const seen = { requests: [] as string[] };
    const client = createLogClient({ mode: 'auto', workerThreshold: 50, createWorker: () => fakeWorker(seen) });
    await client.append('first line\n');
    expect(client.mode).toBe('inline');
    await client.append(`${E}[31m${'x'.repeat(60)}\n`);
    expect(client.mode).toBe('worker');
    expect(seen.requests).toEqual(['replace', 'append']);
    const lines = await client.lines(0, 5);
    expect(lines.map((l) => l.text)).toEqual(['first line', 'x'.repeat(60)]);
    expect(lines[1]?.html).toBe(`<span style="color:#A00">${'x'.repeat(60)}</span>`);
    client.dispose();
  });

  it('prewarms the worker but indexes on this thread until the threshold', async () => {
    const seen = { requests: [] as string[] };
    let made = 0;
    const client = createLogClient({
      mode: 'auto',
      workerThreshold: 50,
      prewarm: true,
      createWorker: () => {
        made++;
        return fakeWorker(seen);
      },
    });
    expect(made).toBe(1);
    await client.append('head\n');
    expect(client.mode).toBe('inline');
    expect(seen.requests).toEqual([]);
    await client.append(`${'y'.repeat(60)}\n`);
    expect(client.mode).toBe('worker');
    expect(made).toBe(1);
    expect(seen.requests).toEqual(['replace', 'append']);
    expect((await client.lines(0, 2)).map((l) => l.text)).toEqual(['head', 'y'.repeat(60)]);
    client.dispose();
  });

  it('uses the worker from the start when asked, and reports its errors', async () => {
    const seen = { requests: [] as string[] };
    const client = createLogClient({ mode: 'worker', createWorker: () => fakeWorker(seen) });
    expect(client.mode).toBe('worker');
    await client.append('a\n');
    const r = await client.search('a');
    expect(r.ok && Array.from(r.lines)).toEqual([0]);
    client.dispose();
  });

  it('falls back to the same thread when no worker can be made', async () => {
    const client = createLogClient({ mode: 'worker', createWorker: () => null as unknown as WorkerLike });
    expect(client.mode).toBe('inline');
    expect((await client.append('x\n')).lineCount).toBe(1);
  });
});

describe('protocol', () => {
  it('lists typed arrays to transfer', () => {
    const ix = createLogIndex();
    ix.append('a a\n');
    const result = handleLogRequest(ix, { type: 'search', query: 'a', options: {} });
    expect(transferablesOf(result)).toHaveLength(3);
    expect(transferablesOf(handleLogRequest(ix, { type: 'failures' }))).toHaveLength(1);
    expect(transferablesOf(handleLogRequest(ix, { type: 'lines', from: 0, to: 1 }))).toEqual([]);
  });

  it('caps a lines request', () => {
    const ix = createLogIndex();
    ix.append('x\n'.repeat(5000));
    expect(handleLogRequest(ix, { type: 'lines', from: 0, to: 5000 })).toHaveLength(2000);
  });
});
