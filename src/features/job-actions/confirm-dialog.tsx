import { useState } from 'react';
import { Dialog } from '../../ui/popups.ts';
import { isBridge, type ActionableJob, type JobActionName } from './model/availability.ts';
import { describeActionError } from './model/outcome.ts';

interface Wording {
  title: string;
  body: string;
  confirm: string;
}

/** What is asked before an action that cannot be undone, or that starts more than it seems. */
export function confirmationWording(name: JobActionName, job: ActionableJob): Wording {
  if (name === 'erase') {
    return {
      title: `Erase job ${job.name}?`,
      body: `This deletes the log and the artifacts of job #${job.id} for good. It cannot be undone.`,
      confirm: 'Erase job',
    };
  }
  if (name === 'delete-artifacts') {
    return {
      title: `Delete the artifacts of ${job.name}?`,
      body: `The artifacts archive of job #${job.id} and every file in it are deleted for good. It cannot be undone.`,
      confirm: 'Delete artifacts',
    };
  }
  const downstream = isBridge(job) ? job.downstream_pipeline : undefined;
  return {
    title: `Retry trigger job ${job.name}?`,
    body: `Retrying a trigger job starts a new downstream pipeline${downstream?.project_id !== undefined && downstream.project_id !== job.pipeline?.project_id ? ` in project ${downstream.project_id}` : ''}; the current one${downstream ? ` (#${downstream.id})` : ''} stays as it is.`,
    confirm: 'Retry and start a new pipeline',
  };
}

export interface ConfirmActionDialogProps {
  name: JobActionName;
  job: ActionableJob;
  busy: boolean;
  /** Resolves when done; rejects with the error to show (the dialog stays open). */
  onConfirm(): Promise<void>;
  onClose(): void;
}

export function ConfirmActionDialog({ name, job, busy, onConfirm, onClose }: ConfirmActionDialogProps) {
  const [error, setError] = useState<unknown>(null);
  const wording = confirmationWording(name, job);
  const danger = name !== 'retry';
  const confirm = () => {
    if (busy) return;
    setError(null);
    onConfirm().catch((e: unknown) => setError(e));
  };
  const described = error ? describeActionError(error) : null;
  return (
    <Dialog
      open
      title={wording.title}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Go back
          </button>
          <button type="button" className={`button ${danger ? 'button--danger' : 'button--primary'}`} aria-disabled={busy || undefined} onClick={confirm}>
            {busy ? 'Working…' : wording.confirm}
          </button>
        </>
      }
    >
      <p>{wording.body}</p>
      {described ? (
        <div role="alert" className="job-actions__error">
          <strong>{described.title}.</strong> {described.detail}
        </div>
      ) : null}
    </Dialog>
  );
}
