import * as RadixDialog from '@radix-ui/react-dialog';
import { useRef } from 'react';
import type { DialogProps } from '../dialog.tsx';
import { closeIcon } from '../gl-icons.ts';
import { IconButton } from '../icon-button.tsx';

const FIRST_FOCUS = ['input', 'select', 'textarea', 'button', '[tabindex="0"]'].map((el) => `.dialog__body ${el}:not(:disabled)`).join(', ');

/**
 * A modal on Radix's dialog (docs/decisions/0016): focus moves in and is kept there, returns to
 * what opened it, Escape closes it, the page behind is inert and does not scroll. Labelled by
 * its title. A click outside does not close it: a half-filled form would be lost. Loaded when a
 * dialog first opens (../dialog.tsx).
 */
export function Dialog({ open, title, onClose, children, footer }: DialogProps) {
  const contentRef = useRef<HTMLDivElement>(null);
  return (
    <RadixDialog.Root
      open={open}
      onOpenChange={(next) => {
        if (!next) onClose();
      }}
    >
      <RadixDialog.Portal>
        <RadixDialog.Overlay className="dialog-overlay" />
        <RadixDialog.Content
          ref={contentRef}
          className="dialog"
          aria-describedby={undefined}
          onInteractOutside={(event) => event.preventDefault()}
          onOpenAutoFocus={(event) => {
            // The body's first field or button, not the close button (whose tooltip would open
            // at once); Radix's choice when the body has none.
            const first = contentRef.current?.querySelector<HTMLElement>(FIRST_FOCUS);
            if (first) {
              event.preventDefault();
              first.focus();
            }
          }}
        >
          <header className="dialog__header">
            <RadixDialog.Title asChild>
              <h2>{title}</h2>
            </RadixDialog.Title>
            <RadixDialog.Close asChild>
              <IconButton icon={closeIcon} label="Close" />
            </RadixDialog.Close>
          </header>
          <div className="dialog__body">{children}</div>
          {footer ? <footer className="dialog__footer">{footer}</footer> : null}
        </RadixDialog.Content>
      </RadixDialog.Portal>
    </RadixDialog.Root>
  );
}
