import { renderHook } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { isTyping, useLogShortcuts } from './use-log-shortcuts.ts';

function press(key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body): KeyboardEvent {
  const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
  target.dispatchEvent(event);
  return event;
}

describe('useLogShortcuts', () => {
  it('runs the latest action of a key pressed on the page', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = renderHook(({ g }) => useLogShortcuts(true, { g }), { initialProps: { g: first } });
    expect(press('g').defaultPrevented).toBe(true);
    rerender({ g: second });
    press('g');
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(1);
    expect(press('x').defaultPrevented).toBe(false);
  });

  it('leaves keys alone while typing, with a modifier, or when not enabled', () => {
    const g = vi.fn();
    const input = document.createElement('input');
    document.body.append(input);
    const { rerender } = renderHook(({ enabled }) => useLogShortcuts(enabled, { g }), { initialProps: { enabled: true } });
    press('g', {}, input);
    press('g', { ctrlKey: true });
    rerender({ enabled: false });
    press('g');
    expect(g).not.toHaveBeenCalled();
    expect(isTyping(input)).toBe(true);
    expect(isTyping(document.body)).toBe(false);
  });
});
