import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useFullscreen } from './use-fullscreen.ts';

describe('useFullscreen', () => {
  it('falls back to a full-window mode where the browser has no Fullscreen API', () => {
    const el = document.createElement('div');
    Object.defineProperty(el, 'requestFullscreen', { value: undefined });
    const { result } = renderHook(() => useFullscreen({ current: el }));
    expect(result.current.fullscreen).toBe(false);
    act(() => result.current.toggle());
    expect(result.current.fullscreen).toBe(true);
    act(() => result.current.toggle());
    expect(result.current.fullscreen).toBe(false);
  });

  it('follows the browser’s full screen of the element', () => {
    const el = document.createElement('div');
    const { result } = renderHook(() => useFullscreen({ current: el }));
    Object.defineProperty(document, 'fullscreenElement', { configurable: true, get: () => el });
    act(() => {
      document.dispatchEvent(new Event('fullscreenchange'));
    });
    expect(result.current.fullscreen).toBe(true);
    Object.defineProperty(document, 'fullscreenElement', { configurable: true, get: () => null });
    act(() => {
      document.dispatchEvent(new Event('fullscreenchange'));
    });
    expect(result.current.fullscreen).toBe(false);
  });
});
