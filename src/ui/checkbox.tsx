import { useId, useState, type ReactNode } from 'react';
import { checkIcon } from './gl-icons.ts';
import { GlIcon } from './icon.tsx';
import { lazyModule, useLazyModule } from './lazy-module.ts';
import type { TriggerHandlers } from './lazy-trigger.tsx';

export interface CheckboxProps {
  checked: boolean;
  onCheckedChange(checked: boolean): void;
  children: ReactNode;
  disabled?: boolean;
  className?: string;
  /** An element that says more (why it is disabled). */
  describedBy?: string | undefined;
}

/** What the box itself is drawn from, plain or by Radix. */
export interface CheckboxBoxProps {
  id: string;
  checked: boolean;
  disabled: boolean | undefined;
  describedBy: string | undefined;
  onCheckedChange(checked: boolean): void;
}

/** Radix's checkbox: fetched when a checkbox is first pointed at or focused (decision 0027). */
export const checkboxModule = lazyModule(() => import('./radix/checkbox-radix.tsx'));

/**
 * Radix's checkbox drawn at the field height's scale with GitLab's check icon, for toolbars and
 * menus where a native box would sit among styled controls. Not inside a <form>: there Radix adds
 * a hidden input it sizes with a ResizeObserver; forms keep the native checkbox.
 *
 * Radix comes when wanted, as the popups do (decisions 0025, 0027): until then the box is drawn
 * as Radix draws it (the same element, attributes and check mark, so it looks the same) and
 * works by itself: a click, its label or Space toggles it, Enter does not. The pointer on the box
 * or its label, or the focus, fetches Radix's. It takes the plain box's place only while nobody
 * is using that box (the pointer is not on it, it is not pressed and has not the focus): a press
 * or a key then never reaches a box that has left the document, and the focus is never moved.
 * The label stays in place.
 */
export function Checkbox({ checked, onCheckedChange, children, disabled, className, describedBy }: CheckboxProps) {
  const id = useId();
  const radix = useLazyModule(checkboxModule);
  const use = useBoxInUse();
  const load = () => void checkboxModule.load().catch(() => undefined); // offline: the plain box works
  const box = { id, checked, disabled, describedBy, onCheckedChange };
  return (
    <span className={`checkbox${className ? ` ${className}` : ''}`} onPointerEnter={load} onFocus={load}>
      {radix && !use.inUse ? <radix.CheckboxBox {...box} /> : <PlainBox {...box} handlers={use.handlers} />}
      <label htmlFor={id}>{children}</label>
    </span>
  );
}

/** Whether the plain box is being used: the pointer on it, pressed, or focused. */
function useBoxInUse() {
  const [hovered, setHovered] = useState(false);
  const [pressed, setPressed] = useState(false);
  const [focused, setFocused] = useState(false);
  const handlers: TriggerHandlers = {
    onPointerEnter: () => setHovered(true),
    onPointerLeave: () => {
      setHovered(false);
      setPressed(false);
    },
    onPointerDown: () => setPressed(true),
    onPointerCancel: () => setPressed(false),
    onClick: () => setPressed(false),
    onFocus: () => setFocused(true),
    onBlur: () => {
      setFocused(false);
      setPressed(false);
    },
  };
  return { inUse: hovered || pressed || focused, handlers };
}

/** The box as Radix draws it (Root and Indicator), with its behaviour: until Radix's has arrived. */
function PlainBox({ id, checked, disabled, describedBy, onCheckedChange, handlers }: CheckboxBoxProps & { handlers: TriggerHandlers }) {
  const state = checked ? 'checked' : 'unchecked';
  return (
    <button
      type="button"
      role="checkbox"
      id={id}
      className="checkbox__box"
      aria-checked={checked}
      aria-describedby={describedBy}
      data-state={state}
      data-disabled={disabled ? '' : undefined}
      disabled={disabled}
      value="on"
      {...handlers}
      onKeyDown={(event) => {
        if (event.key === 'Enter') event.preventDefault(); // as Radix (WAI-ARIA): Enter does not toggle a checkbox
      }}
      onClick={(event) => {
        handlers.onClick?.(event);
        onCheckedChange(!checked);
      }}
    >
      {checked ? (
        <span data-state={state} data-disabled={disabled ? '' : undefined} className="checkbox__mark" style={{ pointerEvents: 'none' }}>
          <GlIcon icon={checkIcon} size={12} />
        </span>
      ) : null}
    </button>
  );
}
