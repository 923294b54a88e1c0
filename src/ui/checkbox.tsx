import * as RadixCheckbox from '@radix-ui/react-checkbox';
import { useId, type ReactNode } from 'react';
import { GlIcon } from './icon.tsx';

export interface CheckboxProps {
  checked: boolean;
  onCheckedChange(checked: boolean): void;
  children: ReactNode;
  disabled?: boolean;
  className?: string;
  /** An element that says more (why it is disabled). */
  describedBy?: string | undefined;
}

/**
 * Radix's checkbox drawn at the field height's scale with GitLab's check icon, for toolbars and
 * menus where a native box would sit among styled controls. Not inside a <form>: there Radix adds
 * a hidden input it sizes with a ResizeObserver; forms keep the native checkbox.
 */
export function Checkbox({ checked, onCheckedChange, children, disabled, className, describedBy }: CheckboxProps) {
  const id = useId();
  return (
    <span className={`checkbox${className ? ` ${className}` : ''}`}>
      <RadixCheckbox.Root id={id} className="checkbox__box" checked={checked} disabled={disabled} aria-describedby={describedBy} onCheckedChange={(next) => onCheckedChange(next === true)}>
        <RadixCheckbox.Indicator className="checkbox__mark">
          <GlIcon name="check" size={12} />
        </RadixCheckbox.Indicator>
      </RadixCheckbox.Root>
      <label htmlFor={id}>{children}</label>
    </span>
  );
}
