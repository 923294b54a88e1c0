import { useEffect, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { lazyModule, useLazyModule } from './lazy-module.ts';
import { PlainTrigger, useTriggerState, type TriggerProps } from './lazy-trigger.tsx';

export interface TooltipProps {
  /** What the tooltip says: for an icon button, the same words as its accessible name. */
  content: ReactNode;
  /** A keyboard shortcut, shown after the words (e.g. "f"). */
  shortcut?: string | undefined;
  /** One focusable element that takes a ref and event handlers (a <button>). */
  children: ReactElement<TriggerProps>;
  side?: 'top' | 'bottom' | 'left' | 'right';
}

/** Radix's tooltip with Popper and floating-ui: fetched when a tooltip is first wanted. */
export const tooltipModule = lazyModule(() => import('./radix/tooltip-radix.tsx'));

/** How long the pointer rests on a trigger before its tooltip shows (Radix's delayDuration). */
export const TOOLTIP_DELAY_MS = 400;

/**
 * A tooltip on hover and keyboard focus (Radix, docs/decisions/0016). Until a tooltip is first
 * wanted (the pointer enters a trigger, or the keyboard focuses one) the trigger is drawn alone,
 * as it is: a button named by its own aria-label works without the tooltip. That first wish
 * fetches Radix (decision 0025); then the trigger is drawn inside Radix's tooltip, focused again
 * if it had the focus (the keyboard's focus opens the tooltip), or with the tooltip open if the
 * pointer is still on it once it has rested there for the usual delay.
 */
export function Tooltip(props: TooltipProps) {
  const radix = useLazyModule(tooltipModule);
  const trigger = useTriggerState();
  const [hovered, setHovered] = useState(false);
  const [rested, setRested] = useState(false);
  const [keyboardFocus, setKeyboardFocus] = useState(false);
  const hoverStart = useRef(0);
  const pointerDown = useRef(false);
  const waitForRest = radix !== null && hovered && !rested;

  useEffect(() => {
    if (!waitForRest) return;
    const timer = setTimeout(() => setRested(true), Math.max(0, TOOLTIP_DELAY_MS - (Date.now() - hoverStart.current)));
    return () => clearTimeout(timer);
  }, [waitForRest]);

  if (radix && !waitForRest && !trigger.held) return <radix.Tooltip {...props} defaultOpen={hovered} focusOnMount={trigger.focused} openOnFocus={keyboardFocus} />;
  const load = () => void tooltipModule.load().catch(() => undefined); // offline: the button works, without its tooltip
  return (
    <PlainTrigger
      trigger={props.children}
      handlers={[
        trigger.handlers,
        {
          onPointerEnter: (event) => {
            if (event.pointerType === 'touch') return; // as Radix: no tooltip for a finger
            hoverStart.current = Date.now();
            setHovered(true);
            load();
          },
          onPointerLeave: () => {
            pointerDown.current = false;
            setHovered(false);
          },
          onPointerDown: () => {
            pointerDown.current = true;
            setHovered(false); // as Radix: pressing closes the tooltip
          },
          onFocus: () => {
            // As Radix: focus by a click does not open the tooltip, the keyboard's does.
            setKeyboardFocus(!pointerDown.current);
            if (!pointerDown.current) load();
            pointerDown.current = false;
          },
        },
      ]}
    />
  );
}
