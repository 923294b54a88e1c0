import * as RadixTooltip from '@radix-ui/react-tooltip';
import type { ReactElement, ReactNode } from 'react';
import { usePopupContainer } from './popup-container.ts';

export interface TooltipProps {
  /** What the tooltip says: for an icon button, the same words as its accessible name. */
  content: ReactNode;
  /** A keyboard shortcut, shown after the words (e.g. "f"). */
  shortcut?: string | undefined;
  /** One focusable element that takes a ref and event handlers (a <button>). */
  children: ReactElement;
  side?: 'top' | 'bottom' | 'left' | 'right';
}

/**
 * Radix's tooltip (docs/decisions/0016): shown on hover and on keyboard focus, hidden by Escape,
 * hoverable (WCAG 1.4.13), placed to stay on screen. Each carries its own provider, so a
 * component that uses one needs no setup around it. No arrow: Radix measures an arrow with a
 * ResizeObserver, which jsdom (the dom tests) does not have.
 */
export function Tooltip({ content, shortcut, children, side = 'top' }: TooltipProps) {
  const container = usePopupContainer();
  return (
    <RadixTooltip.Provider delayDuration={400} skipDelayDuration={300}>
      <RadixTooltip.Root>
        <RadixTooltip.Trigger asChild>{children}</RadixTooltip.Trigger>
        <RadixTooltip.Portal container={container}>
          <RadixTooltip.Content className="tooltip" side={side} sideOffset={6} collisionPadding={8}>
            {content}
            {shortcut ? <kbd className="tooltip__kbd">{shortcut}</kbd> : null}
          </RadixTooltip.Content>
        </RadixTooltip.Portal>
      </RadixTooltip.Root>
    </RadixTooltip.Provider>
  );
}
