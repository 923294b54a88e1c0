import * as RadixMenu from '@radix-ui/react-dropdown-menu';
import * as RadixPopover from '@radix-ui/react-popover';
import { checkIcon } from '../gl-icons.ts';
import { GlIcon } from '../icon.tsx';
import type { MenuCheckboxItemProps, MenuItemProps, MenuProps, PopoverProps } from '../menu.tsx';
import { usePopupContainer } from '../popup-container.ts';

/**
 * Radix's dropdown menu: arrow keys, typeahead, Escape returns focus to its button. Loaded on
 * demand (../menu.tsx), and drawn first when its button has been pressed: `defaultOpen`.
 */
export function Menu({ trigger, children, align = 'start', label, defaultOpen }: MenuProps & { defaultOpen: boolean }) {
  const container = usePopupContainer();
  return (
    <RadixMenu.Root modal={false} defaultOpen={defaultOpen}>
      <RadixMenu.Trigger asChild>{trigger}</RadixMenu.Trigger>
      <RadixMenu.Portal container={container}>
        <RadixMenu.Content className="popup" align={align} sideOffset={4} collisionPadding={8} aria-label={label}>
          {children}
        </RadixMenu.Content>
      </RadixMenu.Portal>
    </RadixMenu.Root>
  );
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
          <GlIcon icon={checkIcon} />
        </RadixMenu.ItemIndicator>
      </span>
      <span>{children}</span>
    </RadixMenu.CheckboxItem>
  );
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

/** Radix's popover: a panel of controls (not a menu) that Escape or a click outside closes. */
export function Popover({ trigger, children, align = 'start', label, open, onOpenChange, defaultOpen }: PopoverProps & { defaultOpen: boolean }) {
  const container = usePopupContainer();
  return (
    <RadixPopover.Root defaultOpen={defaultOpen} {...(open === undefined ? {} : { open })} {...(onOpenChange ? { onOpenChange } : {})}>
      <RadixPopover.Trigger asChild>{trigger}</RadixPopover.Trigger>
      <RadixPopover.Portal container={container}>
        <RadixPopover.Content className="popup popup--panel" align={align} sideOffset={4} collisionPadding={8} aria-label={label}>
          {children}
        </RadixPopover.Content>
      </RadixPopover.Portal>
    </RadixPopover.Root>
  );
}
