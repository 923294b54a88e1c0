export type ButtonVariant = 'default' | 'primary' | 'danger' | 'ghost';
export type ButtonSize = 'medium' | 'small';

/** The one button family's class names (styles.css): variant and size. */
export function buttonClass(variant: ButtonVariant = 'default', size: ButtonSize = 'medium', extra?: string): string {
  return ['button', variant === 'default' ? '' : `button--${variant}`, size === 'small' ? 'button--small' : '', extra ?? ''].filter(Boolean).join(' ');
}
