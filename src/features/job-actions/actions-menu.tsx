import { useState, type ReactNode } from 'react';
import { Popover } from '../../ui/popups.ts';

/**
 * One "Actions" button opening the job's actions (a Radix popover: Escape, a click elsewhere and
 * focus return are Radix's); choosing an action that is not disabled closes it.
 */
export function ActionsMenu({ jobName, children }: { jobName: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      align="end"
      label={`Actions for ${jobName}`}
      trigger={
        <button type="button" className="button button--small job-actions--menu" aria-label={`Actions for ${jobName}`}>
          Actions
        </button>
      }
    >
      <div
        role="group"
        aria-label={`Actions for ${jobName}`}
        className="job-actions__menu"
        onClick={(event) => {
          if (event.target instanceof HTMLElement && event.target.closest('button')?.getAttribute('aria-disabled') !== 'true') setOpen(false);
        }}
      >
        {children}
      </div>
    </Popover>
  );
}
