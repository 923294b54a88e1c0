// The UI kit's pieces built on Radix Primitives (docs/decisions/0016). Kept out of index.ts so the
// shell, which imports index.ts, does not carry Radix: only the pages that use these load it.
export { GlIcon, type GlIconSvg } from './icon.tsx';
export * from './gl-icons.ts';
export { Dialog, type DialogProps } from './dialog.tsx';
export { Tooltip, type TooltipProps } from './tooltip.tsx';
export { IconButton, type IconButtonProps } from './icon-button.tsx';
export { Checkbox, type CheckboxProps } from './checkbox.tsx';
export { Select, type SelectProps, type SelectOption } from './select.tsx';
export { Menu, MenuCheckboxItem, MenuItem, MenuSeparator, Popover, type MenuProps, type MenuCheckboxItemProps, type MenuItemProps, type PopoverProps } from './menu.tsx';
export { PopupContainer } from './popup-container.ts';
