import { act, renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { LogClient } from './model/log-worker-client.ts';
import { useLogFailures } from './use-log-failures.ts';

function setup(lines: Uint32Array) {
  const failures = vi.fn(() => Promise.resolve(lines));
  const goTo = vi.fn();
  const select = vi.fn();
  const onMessage = vi.fn();
  const hook = renderHook(({ length }) => useLogFailures({ client: { failures } as unknown as LogClient, generation: 1, length, goTo, select, onMessage }), { initialProps: { length: 100 } });
  return { ...hook, failures, goTo, select, onMessage };
}

describe('useLogFailures', () => {
  it('goes to the first error, then cycles both ways, selecting each', async () => {
    const { result, failures, goTo, select, onMessage } = setup(Uint32Array.of(4, 9, 20));
    expect(result.current.cycling).toBe(false);
    await act(() => result.current.cycleFailure(1));
    expect(onMessage).toHaveBeenLastCalledWith('Error 1 of 3: line 5');
    expect(goTo).toHaveBeenLastCalledWith(4);
    expect(select).toHaveBeenLastCalledWith(4);
    expect(result.current.cycling).toBe(true);
    await act(() => result.current.cycleFailure(-1));
    expect(onMessage).toHaveBeenLastCalledWith('Error 3 of 3: line 21');
    await act(() => result.current.cycleFailure(1));
    expect(goTo).toHaveBeenLastCalledWith(4);
    expect(failures).toHaveBeenCalledTimes(1);
  });

  it('asks again once the log has grown', async () => {
    const { result, rerender, failures } = setup(Uint32Array.of(4));
    await act(() => result.current.cycleFailure(1));
    rerender({ length: 200 });
    expect(result.current.cycling).toBe(false);
    await act(() => result.current.cycleFailure(1));
    expect(failures).toHaveBeenCalledTimes(2);
  });

  it('says so when the log has no errors', async () => {
    const { result, goTo, onMessage } = setup(new Uint32Array());
    await act(() => result.current.cycleFailure(1));
    expect(onMessage).toHaveBeenLastCalledWith('No errors found in this log.');
    expect(goTo).not.toHaveBeenCalled();
  });
});
