import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { unavailableReason, useGitLabFeatures, type Connection, type Job, type JobVariable } from '../../gitlab/index.ts';
import { useToast } from '../../ui/index.ts';
import { ConfirmActionDialog } from './confirm-dialog.tsx';
import {
  ACTION_LABELS,
  availableActions,
  needsConfirmation,
  type ActionableJob,
  type AvailableAction,
  type JobActionName,
  type WriteAccess,
} from './model/availability.ts';
import { failureOutcome, successOutcome } from './model/outcome.ts';
import { PlayJobDialog } from './play-dialog.tsx';
import { useJobActionRunner } from './use-job-mutations.ts';
import { useJobLink } from './use-job-link.ts';
import { useMountedRef } from './use-mounted-ref.ts';
import './job-actions.css';

export type JobActionsLayout = 'inline' | 'menu' | 'toolbar';

export interface JobActionsProps {
  connection: Connection;
  projectId: number;
  /** The project's path, for links to new jobs (the numeric id is used without it). */
  projectPath?: string;
  job: ActionableJob;
  /** config.json / Settings / `?readonly=1`: actions are shown but disabled. */
  readOnly: boolean;
  /** From the session: false for a read_api token; 'unknown' tries and shows GitLab's 403. */
  canWrite: WriteAccess;
  /** inline: a few small buttons (graph nodes); menu: one "Actions" button (table rows); toolbar: a header's buttons. */
  layout?: JobActionsLayout;
  /** Which actions to offer (default: play, cancel, retry inline; all of them otherwise). */
  actions?: readonly JobActionName[];
  /** Called with the new job of a retry (the job page navigates to it); without it a toast links to it. */
  onRetried?(newJob: Job): void;
}

const INLINE_ACTIONS: readonly JobActionName[] = ['play', 'cancel', 'retry'];

/**
 * The actions a job's status allows — cancel, retry, run (with variables), erase, keep and
 * delete artifacts — with confirmation where it cannot be undone, GitLab's own message when it
 * refuses, and every view of the job refreshed before the action counts as done.
 */
export function JobActions({ connection, projectId, projectPath, job, readOnly, canWrite, layout = 'inline', actions, onRetried }: JobActionsProps) {
  const toast = useToast();
  const links = useJobLink(projectPath ?? projectId);
  const runner = useJobActionRunner(connection, projectId, job);
  // The graph drops a retried job's node (and this component) before the action settles.
  const mounted = useMountedRef();
  const [dialog, setDialog] = useState<JobActionName | null>(null);
  const only = actions ?? (layout === 'inline' ? INLINE_ACTIONS : undefined);
  const features = useGitLabFeatures(connection);
  const available = availableActions(job, { readOnly, canWrite }, only, undefined, features);
  // Before 14.9 play takes no variables: run at once rather than offer a form GitLab would ignore.
  const variablesReason = unavailableReason(features, 'playVariables');

  const report = (name: JobActionName, result: Job | undefined) => {
    const outcome = successOutcome(name, job, result);
    if (name === 'retry' && result && onRetried && outcome.newJobId !== undefined) {
      toast.show(outcome.message, { tone: outcome.tone });
      onRetried(result);
      return;
    }
    const link = outcome.newJobId !== undefined ? links.toJob(outcome.newJobId) : undefined;
    toast.show(outcome.message, { tone: outcome.tone, ...(link ? { link, ms: 10_000 } : {}) });
  };

  /** Runs the action; resolves when done (null: ignored, another was in flight); rejects with GitLab's error. */
  const perform = async (name: JobActionName, variables?: readonly JobVariable[]): Promise<Job | undefined | null> => {
    const result = await runner.run(name, variables);
    if (result !== null) report(name, result);
    return result;
  };

  const request = (name: JobActionName) => {
    if (runner.busy) return;
    if ((name === 'play' && !variablesReason) || needsConfirmation(name, job)) {
      setDialog(name);
      return;
    }
    perform(name).catch((e: unknown) => {
      const outcome = failureOutcome(name, job, e);
      toast.show(outcome.message, { tone: outcome.tone, ms: 10_000 });
    });
  };

  if (available.length === 0) return null;

  const buttons = available.map((a) => (
    <ActionButton key={a.name} action={a} job={job} pending={runner.pending} busy={runner.busy} note={a.name === 'play' ? variablesReason : undefined} onClick={() => request(a.name)} />
  ));

  return (
    <>
      {layout === 'menu' ? (
        <ActionsMenu jobName={job.name}>{buttons}</ActionsMenu>
      ) : (
        <div role="group" aria-label={`Actions for ${job.name}`} className={`job-actions job-actions--${layout}`}>
          {buttons}
        </div>
      )}
      {dialog === 'play' ? (
        <PlayJobDialog
          host={connection.host}
          projectId={projectId}
          job={job}
          busy={runner.busy}
          onClose={() => setDialog(null)}
          onSubmit={async (variables) => {
            const result = await perform('play', variables);
            if (result !== null && mounted.current) setDialog(null);
            return result;
          }}
        />
      ) : dialog ? (
        <ConfirmActionDialog
          name={dialog}
          job={job}
          busy={runner.busy}
          onClose={() => setDialog(null)}
          onConfirm={async () => {
            const result = await perform(dialog);
            if (result !== null && mounted.current) setDialog(null);
          }}
        />
      ) : null}
    </>
  );
}

interface ActionButtonProps {
  action: AvailableAction;
  job: ActionableJob;
  pending: JobActionName | null;
  busy: boolean;
  /** What the host cannot do for this action although it can run it (play without variables before 14.9). */
  note?: string | undefined;
  onClick(): void;
}

function ActionButton({ action, job, pending, busy, note, onClick }: ActionButtonProps) {
  const working = pending === action.name;
  const label = ACTION_LABELS[action.name];
  const disabled = !action.enabled || busy;
  const title = action.reason ?? (busy && !working ? 'Another action on this job is in progress.' : `${label}: ${job.name} (#${job.id})${note ? `. ${note}` : ''}`);
  return (
    <button
      type="button"
      className={`button button--small job-actions__button job-actions__button--${action.name}`}
      aria-disabled={disabled || undefined}
      aria-busy={working || undefined}
      title={title}
      onClick={() => {
        if (!disabled) onClick();
      }}
    >
      {working ? `${label}…` : action.name === 'play' && !note ? 'Run…' : label}
    </button>
  );
}

/** A disclosure: one "Actions" button opening the list, closed by Escape, a choice or a click elsewhere. */
function ActionsMenu({ jobName, children }: { jobName: string; children: ReactNode }) {
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
