import { useEffect, useEffectEvent } from 'react';

/** The viewer's one-key shortcuts, by `KeyboardEvent.key`. */
export type LogShortcuts = Partial<Record<string, () => void>>;

/** The reader is typing in a field: keys are text, not shortcuts. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT';
}

/** Listens for the shortcuts on the whole page while `enabled` (one viewer per page). */
export function useLogShortcuts(enabled: boolean, shortcuts: LogShortcuts): void {
  const onKey = useEffectEvent((e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
    const action = shortcuts[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  });
  useEffect(() => {
    if (!enabled) return;
    const listener = (e: KeyboardEvent) => onKey(e);
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [enabled]);
}
