import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/** A disclosure: one "Actions" button opening the list, closed by Escape, a choice or a click elsewhere. */
export function ActionsMenu({ jobName, children }: { jobName: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (rootRef.current && event.target instanceof Node && !rootRef.current.contains(event.target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);
  return (
    <div
      ref={rootRef}
      className="job-actions job-actions--menu"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          setOpen(false);
          toggleRef.current?.focus();
        }
      }}
    >
      <button ref={toggleRef} type="button" className="button button--small" aria-label={`Actions for ${jobName}`} aria-expanded={open} aria-controls={listId} onClick={() => setOpen((o) => !o)}>
        Actions
      </button>
      <div
        id={listId}
        role="group"
        aria-label={`Actions for ${jobName}`}
        className="job-actions__menu"
        hidden={!open}
        onClick={(event) => {
          if (event.target instanceof HTMLElement && event.target.closest('button')?.getAttribute('aria-disabled') !== 'true') setOpen(false);
        }}
      >
        {children}
      </div>
    </div>
  );
}
