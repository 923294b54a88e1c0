import * as RadixTooltip from '@radix-ui/react-tooltip';
import { useEffect, useRef } from 'react';
import { focusWasDropped } from '../lazy-trigger.tsx';
import { usePopupContainer } from '../popup-container.ts';
import type { TooltipProps } from '../tooltip.tsx';

export interface RadixTooltipProps extends TooltipProps {
  /** Shown at once: the pointer rested on the trigger while this module was on its way. */
  defaultOpen: boolean;
  /** The trigger had the focus when it was replaced by this one: focus it. */
  focusOnMount: boolean;
  /** That focus came from the keyboard: open on it (focus from a click does not open, as in Radix). */
  openOnFocus: boolean;
}

/**
 * Radix's tooltip (docs/decisions/0016): shown on hover and on keyboard focus, hidden by Escape,
 * hoverable (WCAG 1.4.13), placed to stay on screen. Each carries its own provider, so a
 * component that uses one needs no setup around it. No arrow: Radix measures an arrow with a
 * ResizeObserver, which jsdom (the dom tests) does not have. Loaded on demand (../tooltip.tsx).
 */
export function Tooltip({ content, shortcut, children, side = 'top', defaultOpen, focusOnMount, openOnFocus }: RadixTooltipProps) {
  const container = usePopupContainer();
  const trigger = useRef<HTMLButtonElement>(null);
  const quietFocus = useRef(false);
  useEffect(() => {
    // The plain trigger this one replaced had the focus; it went to the body with that element.
    if (!focusOnMount || !focusWasDropped()) return;
    quietFocus.current = !openOnFocus;
    trigger.current?.focus();
    quietFocus.current = false;
  }, [focusOnMount, openOnFocus]);
  return (
    <RadixTooltip.Provider delayDuration={400} skipDelayDuration={300}>
      <RadixTooltip.Root defaultOpen={defaultOpen}>
        <RadixTooltip.Trigger
          asChild
          ref={trigger}
          onFocus={(event) => {
            if (quietFocus.current) event.preventDefault(); // Radix then does not open
          }}
        >
          {children}
        </RadixTooltip.Trigger>
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
