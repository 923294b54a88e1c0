import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useProgressiveCount } from './use-progressive-count.ts';

describe('useProgressiveCount', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'requestAnimationFrame', 'cancelAnimationFrame'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('draws the first items, then all of them after the first frame', async () => {
    const { result } = renderHook(({ total }) => useProgressiveCount(total, 3), { initialProps: { total: 10 } });
    expect(result.current).toBe(3);
    await act(async () => {
      await vi.runAllTimersAsync();
    });
    expect(result.current).toBe(10);
  });

  it('draws everything at once when it fits, and keeps drawing everything as the list grows', async () => {
    const { result, rerender } = renderHook(({ total }) => useProgressiveCount(total, 3), { initialProps: { total: 2 } });
    expect(result.current).toBe(2);
    rerender({ total: 12 });
    expect(result.current).toBe(12);
  });
});
