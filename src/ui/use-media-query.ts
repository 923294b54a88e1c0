import { useSyncExternalStore } from 'react';

/** Whether a CSS media query matches now, kept up to date; false where there is no matchMedia (jsdom). */
export function useMediaQuery(query: string): boolean {
  return useSyncExternalStore(
    (onChange) => {
      if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => undefined;
      const list = window.matchMedia(query);
      list.addEventListener('change', onChange);
      return () => list.removeEventListener('change', onChange);
    },
    () => typeof window !== 'undefined' && typeof window.matchMedia === 'function' && window.matchMedia(query).matches,
    () => false,
  );
}

/** The width below which pages lay out for a phone (37.5rem = 600 px at the 16 px default). */
export const PHONE_QUERY = '(max-width: 600px)';
