import { cloneElement, useState, type FocusEvent, type KeyboardEvent, type MouseEvent, type PointerEvent, type ReactElement } from 'react';

/** The props of a popup's trigger that the on-demand wrappers listen to (a <button> has them all). */
export interface TriggerProps {
  onPointerEnter?: ((event: PointerEvent<HTMLElement>) => void) | undefined;
  onPointerLeave?: ((event: PointerEvent<HTMLElement>) => void) | undefined;
  onPointerDown?: ((event: PointerEvent<HTMLElement>) => void) | undefined;
  onPointerCancel?: ((event: PointerEvent<HTMLElement>) => void) | undefined;
  onFocus?: ((event: FocusEvent<HTMLElement>) => void) | undefined;
  onBlur?: ((event: FocusEvent<HTMLElement>) => void) | undefined;
  onKeyDown?: ((event: KeyboardEvent<HTMLElement>) => void) | undefined;
  onClick?: ((event: MouseEvent<HTMLElement>) => void) | undefined;
}

export type TriggerHandlers = { [K in keyof TriggerProps]?: NonNullable<TriggerProps[K]> };

/**
 * The trigger as it is drawn before its popup's module has arrived: the same element with the
 * same attributes (`extra`: what Radix would add, e.g. aria-haspopup), whose own handlers still
 * run first, then each of `handlers` in turn. The popup modules are loaded on demand (decision 0025).
 */
export function PlainTrigger({ trigger, handlers, extra = {} }: { trigger: ReactElement<TriggerProps>; handlers: TriggerHandlers[]; extra?: Record<string, unknown> }): ReactElement {
  const merged: Record<string, unknown> = { ...extra };
  const names = new Set(handlers.flatMap((h) => Object.keys(h) as (keyof TriggerProps)[]));
  for (const name of names) {
    const chain = [trigger.props[name], ...handlers.map((h) => h[name])] as (((event: never) => void) | undefined)[];
    merged[name] = (event: never) => {
      for (const handler of chain) handler?.(event);
    };
  }
  return cloneElement(trigger, merged);
}

/**
 * What the wrapper must know before it replaces its plain trigger by Radix's: whether the
 * trigger has the focus (the new one takes it back), and whether it is being pressed. A trigger
 * is not replaced between a press and its click: the click would reach an element that has
 * left the document and be lost. So a press (pointer down, Enter or Space) holds the trigger
 * until its click, or until the pointer leaves or the focus goes.
 */
export function useTriggerState() {
  const [focused, setFocused] = useState(false);
  const [held, setHeld] = useState(false);
  const handlers: TriggerHandlers = {
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false);
      setHeld(false);
    },
    onPointerDown: () => setHeld(true),
    onKeyDown: (event) => {
      // A key whose default the popup took (a menu opens on Enter) makes no click.
      if ((event.key === 'Enter' || event.key === ' ') && !event.defaultPrevented) setHeld(true);
    },
    onClick: () => setHeld(false),
    onPointerLeave: () => setHeld(false),
    onPointerCancel: () => setHeld(false),
  };
  return { focused, held, handlers };
}

/** Whether the element that held the focus was taken out of the document (focus fell to the body). */
export function focusWasDropped(): boolean {
  return document.activeElement === null || document.activeElement === document.body;
}
