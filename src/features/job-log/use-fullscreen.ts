import { useEffect, useState, type RefObject } from 'react';

export interface Fullscreen {
  fullscreen: boolean;
  toggle(): void;
}

/**
 * The element in full screen, through the Fullscreen API; where the browser has none (or
 * refuses), a CSS full-window mode stands in (the caller styles `fullscreen`).
 */
export function useFullscreen(ref: RefObject<HTMLElement | null>): Fullscreen {
  const [fullscreen, setFullscreen] = useState(false);
  useEffect(() => {
    const onChange = () => setFullscreen(document.fullscreenElement === ref.current && ref.current !== null);
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [ref]);
  const toggle = () => {
    const el = ref.current;
    if (!el) return;
    if (document.fullscreenElement) void document.exitFullscreen();
    else if (el.requestFullscreen) el.requestFullscreen().catch(() => setFullscreen((v) => !v));
    else setFullscreen((v) => !v);
  };
  return { fullscreen, toggle };
}
