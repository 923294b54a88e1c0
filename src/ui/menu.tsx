import * as RadixMenu from '@radix-ui/react-dropdown-menu';
import * as RadixPopover from '@radix-ui/react-popover';
import type { ReactElement, ReactNode } from 'react';
import { GlIcon } from './icon.tsx';
import { usePopupContainer } from './popup-container.ts';

export interface MenuProps {
  /** The button that opens the menu (gets aria-haspopup and aria-expanded from Radix). */
  trigger: ReactElement;
  children: ReactNode;
  align?: 'start' | 'end';
  /** The menu's accessible name. */
  label: string;
}

/** Radix's dropdown menu: arrow keys, typeahead, Escape returns focus to its button. */
export function Menu({ trigger, children, align = 'start', label }: MenuProps) {
  const container = usePopupContainer();
  return (
    <RadixMenu.Root modal={false}>
      <RadixMenu.Trigger asChild>{trigger}</RadixMenu.Trigger>
      <RadixMenu.Portal container={container}>
        <RadixMenu.Content className="popup" align={align} sideOffset={4} collisionPadding={8} aria-label={label}>
          {children}
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  );
}

export interface MenuCheckboxItemProps {
  checked: boolean;
  onCheckedChange(checked: boolean): void;
  disabled?: boolean;
  children: ReactNode;
}

/** A menu entry that toggles; the menu stays open so several can be chosen in a row. */
export function MenuCheckboxItem({ checked, onCheckedChange, disabled, children }: MenuCheckboxItemProps) {
  return (
    <RadixMenu.CheckboxItem
      className="popup__item"
      checked={checked}
      disabled={disabled}
      onCheckedChange={onCheckedChange}
      onSelect={(event) => event.preventDefault()}
    >
      <span className="popup__mark">
        <RadixMenu.ItemIndicator>
          <GlIcon name="check" />
        </RadixMenu.ItemIndicator>
      </span>
      <span>{children}</span>
    </RadixMenu.CheckboxItem>
  );
}

export interface MenuItemProps {
  onSelect(): void;
  disabled?: boolean;
  children: ReactNode;
  /** A keyboard shortcut shown at the end of the entry. */
  shortcut?: string | undefined;
}

export function MenuItem({ onSelect, disabled, children, shortcut }: MenuItemProps) {
  return (
    <RadixMenu.Item className="popup__item" disabled={disabled} onSelect={onSelect}>
      <span className="popup__mark" />
      <span>{children}</span>
      {shortcut ? <kbd className="popup__kbd">{shortcut}</kbd> : null}
    </RadixMenu.Item>
  );
}

export function MenuSeparator() {
  return <RadixMenu.Separator className="popup__separator" />;
}

export interface PopoverProps {
  trigger: ReactElement;
  children: ReactNode;
  align?: 'start' | 'end';
  /** The panel's accessible name. */
  label: string;
  /** Controlled use (a panel that closes once one of its controls is chosen). */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
}

/** Radix's popover: a panel of controls (not a menu) that Escape or a click outside closes. */
export function Popover({ trigger, children, align = 'start', label, open, onOpenChange }: PopoverProps) {
  const container = usePopupContainer();
  return (
    <RadixPopover.Root {...(open === undefined ? {} : { open })} {...(onOpenChange ? { onOpenChange } : {})}>
      <RadixPopover.Trigger asChild>{trigger}</RadixPopover.Trigger>
      <RadixPopover.Portal container={container}>
        <RadixPopover.Content className="popup popup--panel" align={align} sideOffset={4} collisionPadding={8} aria-label={label}>
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  );
}
