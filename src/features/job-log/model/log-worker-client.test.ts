import { describe, expect, it } from 'vitest';
import { createLogIndex } from './log-index.ts';
import { findFailures } from './search.ts';
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

  it('prewarms the worker once the log reaches a quarter of the threshold, but indexes on this thread until the threshold', async () => {
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
    expect(made).toBe(0); // a log that stays small never loads the worker
    await client.append('hi\n');
    expect(made).toBe(0);
    await client.append('head\n');
    expect(made).toBe(0);
    await client.append('more\n'); // 13 chars: past 50 / 4
    expect(made).toBe(1);
    expect(client.mode).toBe('inline');
    expect(seen.requests).toEqual([]);
    await client.append(`${'y'.repeat(60)}\n`);
    expect(client.mode).toBe('worker');
    expect(made).toBe(1);
    expect(seen.requests).toEqual(['replace', 'append']);
    expect((await client.lines(0, 4)).map((l) => l.text)).toEqual(['hi', 'head', 'more', 'y'.repeat(60)]);
    client.dispose();
  });

  it('prewarms the worker at once for a log announced big, and never for a small one or without prewarm', async () => {
    let made = 0;
    const createWorker = () => {
      made++;
      return fakeWorker({ requests: [] });
    };
    const small = createLogClient({ mode: 'auto', workerThreshold: 1000, prewarm: true, createWorker });
    small.expectLength(100);
    await small.append('x'.repeat(200));
    expect(made).toBe(0);
    const cold = createLogClient({ mode: 'auto', workerThreshold: 1000, createWorker });
    cold.expectLength(5000);
    await cold.append('x'.repeat(900));
    expect(made).toBe(0);
    const big = createLogClient({ mode: 'auto', workerThreshold: 1000, prewarm: true, createWorker });
    big.expectLength(5000);
    expect(made).toBe(1);
    big.expectLength(6000);
    await big.append('x'.repeat(300));
    expect(made).toBe(1);
    for (const c of [small, cold, big]) c.dispose();
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

  it("makes each line's html with the options the viewer asked for (its palette)", async () => {
    const ix = createLogIndex();
    ix.append(`${E}[31mred <b>${E}[0m\n`);
    const palette = { ansi: { colors: { 1: '#ff7b72' } } };
    const [plain] = handleLogRequest(ix, { type: 'lines', from: 0, to: 1 });
    const [themed] = handleLogRequest(ix, { type: 'lines', from: 0, to: 1, html: palette });
    expect(plain?.html).not.toContain('#ff7b72');
    expect(themed?.html).toContain('color:#ff7b72');
    expect(themed?.html).toContain('red &lt;b&gt;');
    // Through a worker too: the options cross the channel with the request.
    const client = createLogClient({ mode: 'worker', createWorker: () => fakeWorker({ requests: [] }) });
    await client.append(`${E}[31mred${E}[0m\n`);
    const [viaWorker] = await client.lines(0, 1, palette);
    expect(viaWorker?.html).toContain('color:#ff7b72');
  });

  it('keeps the failure lines up to date across appends cut anywhere (same as one whole scan)', () => {
    const parts: string[] = [];
    for (let k = 0; k < 400; k++) {
      parts.push(
        k % 7 === 0
          ? `${E}[31mred ${k}\n${E}[0m`
          : k % 11 === 0
            ? `ERROR: line ${k}\r\n`
            : k % 13 === 0
              ? `progress 10%\rprogress 100% Error ${k}\n`
              : k % 17 === 0
                ? `section_start:1700000000:s${k}\r${E}[0Kstep ${k}\nsection_end:1700000001:s${k}\r${E}[0K\n`
                : `plain ${k} ${'x'.repeat(k % 90)}\n`,
      );
    }
    const log = parts.join('') + 'last line without newline FAILED';
    const whole = createLogIndex();
    whole.append(log);
    const expected = Array.from(findFailures(whole));
    expect(expected.length).toBeGreaterThan(50);
    for (const step of [1, 3, 17, 250, 4099]) {
      const ix = createLogIndex();
      for (let p = 0; p < log.length; p += step) handleLogRequest(ix, { type: 'append', text: log.slice(p, p + step) });
      expect(Array.from(handleLogRequest(ix, { type: 'failures' })), `step ${step}`).toEqual(expected);
    }
    // A replaced log forgets the old failures.
    const ix = createLogIndex();
    handleLogRequest(ix, { type: 'append', text: 'ERROR: old\n' });
    handleLogRequest(ix, { type: 'replace', text: 'fine\nFAILED\n' });
    expect(Array.from(handleLogRequest(ix, { type: 'failures' }))).toEqual([1]);
    handleLogRequest(ix, { type: 'reset' });
    expect(Array.from(handleLogRequest(ix, { type: 'failures' }))).toEqual([]);
  });
});
