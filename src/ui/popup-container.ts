import { createContext, useContext } from 'react';

/**
 * Where tooltips, menus and select lists render (Radix portals): the document's body, or an
 * element in full screen (the log viewer), outside which nothing is drawn.
 */
export const PopupContainer = createContext<HTMLElement | null>(null);

export function usePopupContainer(): HTMLElement | undefined {
  return useContext(PopupContainer) ?? undefined;
}
