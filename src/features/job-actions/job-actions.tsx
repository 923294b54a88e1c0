import { lazy, Suspense, useState } from 'react';
import { isLostAnswer, LostAnswerError, unavailableReason, useGitLabFeatures, type AfterLostAnswer, type Bridge, type Job, type JobVariable, useProjectScope } from '../../gitlab/index.ts';
import { buttonClass, useToast, type ButtonSize } from '../../ui/index.ts';
import { ActionsMenu } from './actions-menu.tsx';
import {
  ACTION_LABELS,
  availableActions,
  isBridge,
  needsConfirmation,
  type ActionableJob,
  type AvailableAction,
  type JobActionName,
} from './model/availability.ts';
import { errorOutcome, lostAnswerOutcome, OutcomeError, successOutcome, type Outcome } from './model/outcome.ts';
import { LostAnswerWatch } from './lost-answer-watch.tsx';
import { useJobActionRunner } from './use-job-mutations.ts';
import { useJobLink } from './use-job-link.ts';
import { useMountedRef } from './use-mounted-ref.ts';
import './job-actions.css';

// The dialogs (and the play form's variables) come when one first opens, not with every page
// that shows a job's buttons (issue 18: a page's first JavaScript).
const PlayJobDialog = lazy(async () => ({ default: (await import('./play-dialog.tsx')).PlayJobDialog }));
const ConfirmActionDialog = lazy(async () => ({ default: (await import('./confirm-dialog.tsx')).ConfirmActionDialog }));

export type JobActionsLayout = 'inline' | 'menu' | 'toolbar';

/**
 * The project, the connection and whether acting is allowed (read-only, the token's scopes) come
 * from the screen's `ProjectScope`: a screen acting on another project's jobs provides its own.
 */
export interface JobActionsProps {
  job: ActionableJob;
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
export function JobActions({ job, layout = 'inline', actions, onRetried }: JobActionsProps) {
  const { connection, projectId, projectPath, readOnly, canWrite } = useProjectScope();
  const toast = useToast();
  const links = useJobLink(projectPath);
  const runner = useJobActionRunner(connection, projectId, job);
  // The graph drops a retried job's node (and this component) before the action settles.
  const mounted = useMountedRef();
  const [dialog, setDialog] = useState<JobActionName | null>(null);
  // An action whose answer was lost and that GitLab could not yet be asked about: held until it can.
  const [unsettled, setUnsettled] = useState<{ name: JobActionName; cause: unknown } | null>(null);
  const only = actions ?? (layout === 'inline' ? INLINE_ACTIONS : undefined);
  const features = useGitLabFeatures(connection);
  const available = availableActions(job, { readOnly, canWrite }, only, undefined, features);
  // Before 14.9 play takes no variables: run at once rather than offer a form GitLab would ignore.
  const variablesReason = unavailableReason(features, 'playVariables');

  const report = (name: JobActionName, outcome: Outcome, result: Job | Bridge | undefined) => {
    if (name === 'retry' && result && !isBridge(result) && onRetried && outcome.newJobId !== undefined) {
      toast.show(outcome.message, { tone: outcome.tone });
      onRetried(result);
      return;
    }
    const link = outcome.newJobId !== undefined ? links.toJob(outcome.newJobId) : undefined;
    toast.show(outcome.message, { tone: outcome.tone, ...(link ? { link, ms: 10_000 } : {}) });
  };

  /**
   * Runs the action; resolves when done (null: ignored, another was in flight). Rejects with
   * GitLab's refusal, or an OutcomeError when the answer was lost and GitLab shows it did not
   * happen (or cannot be asked): only what GitLab shows happened counts as done.
   */
  const perform = async (name: JobActionName, variables?: readonly JobVariable[]): Promise<Job | undefined | null> => {
    try {
      const result = await runner.run(name, variables);
      if (result !== null) report(name, successOutcome(name, job, result), result);
      return result;
    } catch (e) {
      if (!isLostAnswer(e)) throw e;
      const outcome = lostAnswerOutcome(name, job, e);
      if (outcome.happened === 'unknown' && mounted.current) setUnsettled({ name, cause: e.cause });
      if (outcome.happened !== true) throw new OutcomeError(outcome);
      const newer = e.after?.latest && e.after.latest.id > job.id ? e.after.latest : undefined;
      report(name, outcome, newer);
      return undefined;
    }
  };

  /** GitLab could at last be asked what the held action did: say it, and offer the actions again. */
  const settle = (name: JobActionName, after: AfterLostAnswer) => {
    const outcome = lostAnswerOutcome(name, job, new LostAnswerError({ action: name, jobId: job.id, cause: unsettled?.cause, after }));
    const newer = after.latest && after.latest.id > job.id ? after.latest : undefined;
    report(name, outcome, outcome.happened === true ? newer : undefined);
    setUnsettled(null);
    if (outcome.happened === true) setDialog(null);
  };

  const held = unsettled !== null;
  const request = (name: JobActionName) => {
    if (runner.busy || held) return;
    if ((name === 'play' && !variablesReason) || needsConfirmation(name, job)) {
      setDialog(name);
      return;
    }
    perform(name).catch((e: unknown) => {
      const outcome = errorOutcome(name, job, e);
      toast.show(outcome.message, { tone: outcome.tone, ms: 10_000 });
    });
  };

  if (available.length === 0) return null;

  const buttons = available.map((a) => (
    <ActionButton
      key={a.name}
      size={layout === 'toolbar' ? 'medium' : 'small'}
      action={a}
      job={job}
      pending={runner.pending ?? unsettled?.name ?? null}
      busy={runner.busy || held}
      heldBy={unsettled?.name ?? null}
      note={a.name === 'play' ? variablesReason : undefined}
      onClick={() => request(a.name)}
    />
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
      {unsettled ? <LostAnswerWatch connection={connection} projectId={projectId} job={job} name={unsettled.name} onKnown={settle} /> : null}
      <Suspense fallback={null}>
        {dialog === 'play' ? (
          <PlayJobDialog
            host={connection.host}
            projectId={projectId}
            job={job}
            busy={runner.busy || held}
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
            busy={runner.busy || held}
            onClose={() => setDialog(null)}
            onConfirm={async () => {
              const result = await perform(dialog);
              if (result !== null && mounted.current) setDialog(null);
            }}
          />
        ) : null}
      </Suspense>
    </>
  );
}

interface ActionButtonProps {
  action: AvailableAction;
  job: ActionableJob;
  pending: JobActionName | null;
  busy: boolean;
  /** An action whose answer was lost, until GitLab can say whether it happened: every action waits. */
  heldBy: JobActionName | null;
  /** What the host cannot do for this action although it can run it (play without variables before 14.9). */
  note?: string | undefined;
  /** The button family's size: medium in a page's toolbar (beside the log's), small in rows and nodes. */
  size: ButtonSize;
  onClick(): void;
}

function ActionButton({ action, job, pending, busy, heldBy, note, size, onClick }: ActionButtonProps) {
  const working = pending === action.name;
  const label = ACTION_LABELS[action.name];
  const disabled = !action.enabled || busy;
  const title =
    action.reason ??
    (heldBy
      ? `GitLab's answer to ${ACTION_LABELS[heldBy]} was lost: waiting until GitLab can say whether it happened.`
      : busy && !working
        ? 'Another action on this job is in progress.'
        : `${label}: ${job.name} (#${job.id})${note ? `. ${note}` : ''}`);
  return (
    <button
      type="button"
      className={buttonClass('default', size, `job-actions__button job-actions__button--${action.name}`)}
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
