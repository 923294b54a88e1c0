import { useState } from 'react';
import { chevronDownIcon } from './gl-icons.ts';
import { GlIcon } from './icon.tsx';
import { lazyModule, useLazyModule } from './lazy-module.ts';
import { PlainTrigger, useTriggerState } from './lazy-trigger.tsx';

export interface SelectOption<V extends string> {
  value: V;
  label: string;
}

export interface SelectProps<V extends string> {
  value: V;
  options: readonly SelectOption<V>[];
  onValueChange(value: V): void;
  /** The accessible name (the visible label sits beside it, or the words are in the value). */
  label: string;
  size?: 'medium' | 'small';
}

/** Radix's select (with Popper, floating-ui, focus and dismissal layers). */
export const selectModule = lazyModule(() => import('./radix/select-radix.tsx'));

/**
 * Radix's select in the field style: a button that opens a listbox, typeahead and arrow keys.
 * Until Radix's module is there (decision 0025) the button is drawn as Radix draws it closed
 * (a combobox showing the chosen option), until it is pressed (as Radix: a mouse's pointer down,
 * a tap, Enter, Space or the arrows); the pointer on it or the focus fetches the module
 * beforehand. Then Radix's select takes its place with its list open (the list takes the focus
 * and gives it back to the button when it closes).
 */
export function Select<V extends string>(props: SelectProps<V>) {
  const radix = useLazyModule(selectModule);
  const [pressed, setPressed] = useState(false);
  const state = useTriggerState();
  if (radix && pressed && !state.held) return <radix.Select {...props} defaultOpen />;
  const prefetch = () => void selectModule.load().catch(() => undefined);
  const press = () => {
    setPressed(true);
    selectModule.load().catch(() => setPressed(false));
  };
  const current = props.options.find((o) => o.value === props.value);
  const button = (
    <button
      type="button"
      role="combobox"
      aria-expanded={false}
      aria-autocomplete="none"
      aria-label={props.label}
      data-state="closed"
      className={`button select-trigger${props.size === 'small' ? ' button--small' : ''}`}
    >
      <span style={{ pointerEvents: 'none' }}>{current?.label}</span>
      <span aria-hidden="true" className="select-trigger__icon">
        <GlIcon icon={chevronDownIcon} />
      </span>
    </button>
  );
  return (
    <PlainTrigger
      trigger={button}
      handlers={[
        {
          onPointerDown: (event) => {
            if (event.pointerType === 'mouse' && event.button === 0 && !event.ctrlKey) press();
          },
          onClick: (event) => {
            // A tap or a pen (Radix opens those on click, so that a finger can still scroll).
            const type = (event.nativeEvent as { pointerType?: string }).pointerType;
            if (type === 'touch' || type === 'pen') press();
          },
          onKeyDown: (event) => {
            if (![' ', 'Enter', 'ArrowUp', 'ArrowDown'].includes(event.key)) return;
            event.preventDefault();
            press();
          },
        },
        state.handlers,
        { onPointerEnter: prefetch, onFocus: prefetch },
      ]}
    />
  );
}
