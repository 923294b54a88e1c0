import { useState, type ReactElement, type ReactNode } from 'react';
import { lazyModule, useLazyModule } from './lazy-module.ts';
import { PlainTrigger, useTriggerState, type TriggerHandlers, type TriggerProps } from './lazy-trigger.tsx';

export interface MenuProps {
  /** The button that opens the menu (gets aria-haspopup and aria-expanded from Radix). */
  trigger: ReactElement<TriggerProps>;
  children: ReactNode;
  align?: 'start' | 'end';
  /** The menu's accessible name. */
  label: string;
}

export interface MenuCheckboxItemProps {
  checked: boolean;
  onCheckedChange(checked: boolean): void;
  disabled?: boolean;
  children: ReactNode;
}

export interface MenuItemProps {
  onSelect(): void;
  disabled?: boolean;
  children: ReactNode;
  /** A keyboard shortcut shown at the end of the entry. */
  shortcut?: string | undefined;
}

export interface PopoverProps {
  trigger: ReactElement<TriggerProps>;
  children: ReactNode;
  align?: 'start' | 'end';
  /** The panel's accessible name. */
  label: string;
  /** Controlled use (a panel that closes once one of its controls is chosen). */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** Radix's dropdown menu and popover (with Popper, floating-ui, focus and dismissal layers). */
export const menuModule = lazyModule(() => import('./radix/menu-radix.tsx'));

/**
 * How a menu or popover waits for its module (decision 0025): its button is drawn as Radix
 * draws it closed, and stays so until it is pressed (as Radix: a menu on pointer down or
 * Enter, Space, ArrowDown; a popover on click). The pointer on it or the focus fetches the
 * module beforehand. Once pressed, and the press over (its click done), Radix's popup takes
 * its place, open: it takes the focus and gives it back to its button when it closes.
 */
function useWaitingTrigger(trigger: ReactElement<TriggerProps>, haspopup: 'menu' | 'dialog', onPress: (open: boolean) => void) {
  const [pressed, setPressed] = useState(false);
  const state = useTriggerState();
  const prefetch = () => void menuModule.load().catch(() => undefined);
  const press = () => {
    setPressed(true);
    onPress(true);
    menuModule.load().catch(() => {
      setPressed(false); // offline: pressing again tries again
      onPress(false);
    });
  };
  const opening: TriggerHandlers =
    haspopup === 'menu'
      ? {
          onPointerDown: (event) => {
            if (event.button === 0 && !event.ctrlKey) press();
          },
          onKeyDown: (event) => {
            if (event.key !== 'Enter' && event.key !== ' ' && event.key !== 'ArrowDown') return;
            event.preventDefault();
            press();
          },
        }
      : { onClick: press };
  const element = (
    <PlainTrigger
      trigger={trigger}
      handlers={[opening, state.handlers, { onPointerEnter: prefetch, onFocus: prefetch }]}
      extra={{ 'aria-haspopup': haspopup, 'aria-expanded': false, 'data-state': 'closed' }}
    />
  );
  return { ready: pressed && !state.held, element };
}

/** Radix's dropdown menu: arrow keys, typeahead, Escape returns focus to its button. */
export function Menu(props: MenuProps) {
  const radix = useLazyModule(menuModule);
  const waiting = useWaitingTrigger(props.trigger, 'menu', () => undefined);
  if (radix && waiting.ready) return <radix.Menu {...props} defaultOpen />;
  return waiting.element;
}

/** A menu entry that toggles; the menu stays open so several can be chosen in a row. */
export function MenuCheckboxItem(props: MenuCheckboxItemProps) {
  // Entries are drawn only inside an open menu, i.e. once the module is there.
  const radix = useLazyModule(menuModule);
  return radix ? <radix.MenuCheckboxItem {...props} /> : null;
}

export function MenuItem(props: MenuItemProps) {
  const radix = useLazyModule(menuModule);
  return radix ? <radix.MenuItem {...props} /> : null;
}

export function MenuSeparator() {
  const radix = useLazyModule(menuModule);
  return radix ? <radix.MenuSeparator /> : null;
}

/** Radix's popover: a panel of controls (not a menu) that Escape or a click outside closes. */
export function Popover(props: PopoverProps) {
  const radix = useLazyModule(menuModule);
  const { onOpenChange } = props;
  const waiting = useWaitingTrigger(props.trigger, 'dialog', (open) => onOpenChange?.(open));
  if (radix && waiting.ready) return <radix.Popover {...props} defaultOpen />;
  return waiting.element;
}
