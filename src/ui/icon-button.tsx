import type { ButtonHTMLAttributes, Ref } from 'react';
import { buttonClass, type ButtonSize, type ButtonVariant } from './button.ts';
import { GlIcon, type GlIconSvg } from './icon.tsx';
import { Tooltip } from './tooltip.tsx';

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children' | 'aria-label' | 'title'> {
  /** GitLab's icon (@gitlab/svgs); or `glyph`, a few characters where GitLab has no icon ("Aa"). */
  icon?: GlIconSvg;
  glyph?: string;
  /** A toggle: aria-pressed, drawn pressed when on. */
  pressed?: boolean;
  /** The accessible name, shown also as the tooltip. */
  label: string;
  /** A keyboard shortcut shown in the tooltip. */
  shortcut?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  ref?: Ref<HTMLButtonElement>;
}

/**
 * A square button with one GitLab icon, named for assistive technology by `label` and showing
 * the same words in a tooltip on hover and focus. Disabled with aria-disabled, so it stays
 * focusable and its tooltip still says what it is.
 */
export function IconButton({ icon, glyph, pressed, label, shortcut, variant = 'ghost', size = 'medium', className, disabled, onClick, ref, ...rest }: IconButtonProps) {
  return (
    <Tooltip content={label} shortcut={shortcut}>
      <button
        ref={ref}
        type="button"
        {...rest}
        className={buttonClass(variant, size, `button--icon${className ? ` ${className}` : ''}`)}
        aria-label={label}
        aria-disabled={disabled || undefined}
        aria-pressed={pressed}
        onClick={(event) => {
          if (!disabled) onClick?.(event);
        }}
      >
        {icon ? <GlIcon icon={icon} /> : <span className="button__glyph" aria-hidden="true">{glyph}</span>}
      </button>
    </Tooltip>
  );
}
