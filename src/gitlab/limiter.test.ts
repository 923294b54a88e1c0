import { describe, expect, it } from 'vitest';
import { createLimiter } from './limiter.ts';

function deferred() {
  let resolve: (v: string) => void = () => {};
  const promise = new Promise<string>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('createLimiter', () => {
  it('runs at most max tasks at once, the rest in order', async () => {
    const limiter = createLimiter(2);
    const tasks = [deferred(), deferred(), deferred()];
    const started: number[] = [];
    const results = tasks.map((t, i) =>
      limiter.run(() => {
        started.push(i);
        return t.promise;
      }),
    );
    expect(started).toEqual([0, 1]);
    expect(limiter.waiting).toBe(1);
    tasks[1]?.resolve('b');
    await results[1];
    await Promise.resolve();
    expect(started).toEqual([0, 1, 2]);
    tasks[0]?.resolve('a');
    tasks[2]?.resolve('c');
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c']);
    expect(limiter.active).toBe(0);
  });

  it('drops a waiting task whose signal aborts', async () => {
    const limiter = createLimiter(1);
    const first = deferred();
    const running = limiter.run(() => first.promise);
    const controller = new AbortController();
    let ran = false;
    const waiting = limiter.run(async () => {
      ran = true;
      return 'x';
    }, controller.signal);
    controller.abort();
    await expect(waiting).rejects.toThrow();
    first.resolve('done');
    expect(await running).toBe('done');
    expect(ran).toBe(false);
    expect(limiter.waiting).toBe(0);
  });
});
