import { useEffect, type ReactNode } from 'react';
import { lazyModule, useLazyModule } from './lazy-module.ts';

export interface DialogProps {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Buttons at the bottom; the dialog adds none of its own besides the close button. */
  footer?: ReactNode;
}

/** Radix's dialog (focus scope, scroll lock, dismissal layer). */
export const dialogModule = lazyModule(() => import('./radix/dialog-radix.tsx'));

/**
 * A modal on Radix's dialog (docs/decisions/0016): focus moves in and is kept there, returns to
 * what opened it, Escape closes it, the page behind is inert and does not scroll. A closed
 * dialog draws nothing, so Radix's module is fetched when a dialog first opens (decision 0025);
 * the dialog shows once it is there.
 */
export function Dialog(props: DialogProps) {
  const radix = useLazyModule(dialogModule);
  const { open } = props;
  useEffect(() => {
    if (open) void dialogModule.load().catch(() => undefined);
  }, [open]);
  return radix ? <radix.Dialog {...props} /> : null;
}
