import { act, renderHook } from '@testing-library/react';
import type { MouseEvent as ReactMouseEvent } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { LineRange } from './permalink.ts';
import { useLineSelection } from './use-line-selection.ts';

function click(shiftKey = false): ReactMouseEvent {
  return { shiftKey, metaKey: false, ctrlKey: false, button: 0, preventDefault: vi.fn() } as unknown as ReactMouseEvent;
}

/** A caller that keeps the range (as the address does). */
function setup(initial: LineRange | null) {
  const goTo = vi.fn();
  let range = initial;
  const onChange = vi.fn((next: LineRange | null) => {
    range = next;
  });
  const hook = renderHook(() => useLineSelection({ range, onChange, hrefFor: (r) => `#L${r.from + 1}` }, goTo));
  return { ...hook, goTo, onChange };
}

describe('useLineSelection', () => {
  it('moves the view to a range that comes from the address', () => {
    const { goTo } = setup({ from: 41, to: 44 });
    expect(goTo).toHaveBeenCalledWith(41, 'center');
  });

  it('selects a clicked line and extends to a shift-clicked one, without moving the view', () => {
    const { result, rerender, goTo, onChange } = setup(null);
    act(() => result.current.onLineClick(click(), 9));
    expect(onChange).toHaveBeenLastCalledWith({ from: 9, to: 9 });
    rerender();
    act(() => result.current.onLineClick(click(true), 3));
    expect(onChange).toHaveBeenLastCalledWith({ from: 3, to: 9 });
    rerender();
    expect(result.current.range).toEqual({ from: 3, to: 9 });
    expect(goTo).not.toHaveBeenCalled();
  });

  it('keeps one click handler for the memoised rows, and select() does not jump again', () => {
    const { result, rerender, goTo, onChange } = setup(null);
    const handler = result.current.onLineClick;
    act(() => result.current.select(12));
    rerender();
    expect(onChange).toHaveBeenLastCalledWith({ from: 12, to: 12 });
    expect(result.current.onLineClick).toBe(handler);
    expect(goTo).not.toHaveBeenCalled();
  });

  it('leaves a modified click to the browser (open in a new tab)', () => {
    const { result, onChange } = setup(null);
    act(() => result.current.onLineClick({ ...click(), ctrlKey: true } as ReactMouseEvent, 1));
    expect(onChange).not.toHaveBeenCalled();
  });
});
