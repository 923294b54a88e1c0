import { useId, useMemo, useRef, useState, type ClipboardEvent, type FormEvent } from 'react';
import type { Job, JobVariable } from '../../gitlab/index.ts';
import { Dialog, IconButton, removeIcon } from '../../ui/popups.ts';
import type { ActionableJob } from './model/availability.ts';
import { describeActionError } from './model/outcome.ts';
import { createRememberedVariablesStore, type RememberedVariablesStore } from './model/remembered-variables.ts';
import { looksLikeVariableLines, mergeRows, newRow, parseVariableLines, rowsToVariables, validateRows, type VariableRow } from './model/variables.ts';

let defaultStore: RememberedVariablesStore | null = null;
function rememberedStore(): RememberedVariablesStore {
  return (defaultStore ??= createRememberedVariablesStore());
}

export interface PlayJobDialogProps {
  host: string;
  projectId: number;
  job: ActionableJob;
  busy: boolean;
  /** Sends the variables; resolves with GitLab's job, rejects with the error to show. */
  onSubmit(variables: readonly JobVariable[]): Promise<Job | undefined | null>;
  onClose(): void;
  /** For tests; the browser's localStorage otherwise. */
  store?: RememberedVariablesStore;
}

/**
 * "Run job" with variables (GitLab's job_variables_attributes): key/value rows, pasting
 * `KEY=value` lines, keys checked as GitLab does, masked values, and the variables last
 * used for this job name offered again.
 */
export function PlayJobDialog({ host, projectId, job, busy, onSubmit, onClose, store = rememberedStore() }: PlayJobDialogProps) {
  const remembered = useMemo(() => store.get(host, projectId, job.name), [store, host, projectId, job.name]);
  const [rows, setRows] = useState<VariableRow[]>(() =>
    remembered && remembered.length > 0 ? remembered.map((v) => newRow({ key: v.key, value: v.value ?? '', masked: v.masked })) : [newRow()],
  );
  const [offered, setOffered] = useState(remembered !== null && remembered.length > 0);
  // Off unless the person chose to remember last time: values may be secrets.
  const [remember, setRemember] = useState(offered);
  const [showErrors, setShowErrors] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [pasteText, setPasteText] = useState('');
  const formId = useId();
  const baseId = useId();
  const formRef = useRef<HTMLFormElement>(null);

  const problems = validateRows(rows);
  const problemOf = (rowId: number) => (showErrors ? problems.find((p) => p.rowId === rowId) : undefined);
  const maskedForgotten = remembered?.some((v) => v.masked) ?? false;

  const update = (id: number, patch: Partial<VariableRow>) => setRows((list) => list.map((r) => (r.id === id ? { ...r, ...patch } : r)));
  const removeRow = (id: number) => setRows((list) => (list.length > 1 ? list.filter((r) => r.id !== id) : [newRow()]));
  const addRow = () => setRows((list) => [...list, newRow()]);

  const handleKeyPaste = (event: ClipboardEvent<HTMLInputElement>, row: VariableRow) => {
    const text = event.clipboardData.getData('text');
    if (!looksLikeVariableLines(text)) return;
    event.preventDefault();
    // The row pasted into is replaced by what was pasted.
    setRows((list) => mergeRows(list.map((r) => (r.id === row.id ? { ...r, key: '', value: '' } : r)), parseVariableLines(text)));
  };
  const addPasted = () => {
    const parsed = parseVariableLines(pasteText);
    if (parsed.length === 0) return;
    setRows((list) => mergeRows(list, parsed));
    setPasteText('');
  };
  const clearOffered = () => {
    store.forget(host, projectId, job.name);
    setRows([newRow()]);
    setOffered(false);
    setRemember(false);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setShowErrors(true);
    if (problems.length > 0) {
      const first = problems[0];
      if (first) formRef.current?.querySelector<HTMLInputElement>(`[data-row="${first.rowId}"][data-field="key"]`)?.focus();
      return;
    }
    setError(null);
    const variables = rowsToVariables(rows);
    onSubmit(variables)
      .then((result) => {
        if (result === null) return; // another action on this job was in flight: nothing was sent
        if (remember) store.save(host, projectId, job.name, rows);
        else store.forget(host, projectId, job.name);
      })
      .catch((e: unknown) => setError(e));
  };

  const described = error ? describeActionError(error) : null;
  return (
    <Dialog
      open
      title={`Run ${job.name}`}
      onClose={onClose}
      footer={
        <>
          <button type="button" className="button" onClick={onClose}>
            Go back
          </button>
          <button type="submit" form={formId} className="button button--primary" aria-disabled={busy || undefined}>
            {busy ? 'Starting…' : 'Run job'}
          </button>
        </>
      }
    >
      <form id={formId} ref={formRef} className="play-dialog" onSubmit={submit} noValidate>
        <p className="muted">
          Variables for this run only (optional). Keys use letters, digits and _; empty rows are ignored.
        </p>
        {offered ? (
          <p className="play-dialog__offered">
            Filled in with the variables last used for {job.name}.{maskedForgotten ? ' Masked values are not remembered: enter them again.' : ''}{' '}
            <button type="button" className="button button--ghost" onClick={clearOffered}>
              Clear and forget them
            </button>
          </p>
        ) : null}
        <div className="play-dialog__rows" role="group" aria-label="Variables">
          {rows.map((row, index) => {
            const n = index + 1;
            const problem = problemOf(row.id);
            const errorId = `${baseId}-err-${row.id}`;
            return (
              <div key={row.id} className="play-dialog__row" role="group" aria-label={`Variable ${n}`}>
                <input
                  className="input"
                  aria-label={`Key ${n}`}
                  placeholder="KEY"
                  autoComplete="off"
                  spellCheck={false}
                  value={row.key}
                  data-row={row.id}
                  data-field="key"
                  aria-invalid={problem ? true : undefined}
                  aria-describedby={problem ? errorId : undefined}
                  onChange={(e) => update(row.id, { key: e.target.value })}
                  onPaste={(e) => handleKeyPaste(e, row)}
                />
                <input
                  className="input"
                  aria-label={`Value ${n}`}
                  placeholder="value"
                  autoComplete="off"
                  spellCheck={false}
                  type={row.masked ? 'password' : 'text'}
                  value={row.value}
                  onChange={(e) => update(row.id, { value: e.target.value })}
                />
                <button type="button" className="button button--ghost" aria-pressed={row.masked} aria-label={`Mask value ${n}`} title="Show the value as dots (and do not remember it)" onClick={() => update(row.id, { masked: !row.masked })}>
                  {row.masked ? 'Masked' : 'Mask'}
                </button>
                <IconButton icon={removeIcon} label={`Remove variable ${n}`} onClick={() => removeRow(row.id)} />
                {problem ? (
                  <p id={errorId} className="play-dialog__problem">
                    {problem.message}
                  </p>
                ) : null}
              </div>
            );
          })}
        </div>
        <button type="button" className="button" onClick={addRow}>
          Add variable
        </button>
        <details className="play-dialog__paste">
          <summary>Paste KEY=value lines or a .env block</summary>
          <textarea className="input" aria-label="Variables as KEY=value lines" rows={4} spellCheck={false} value={pasteText} onChange={(e) => setPasteText(e.target.value)} />
          <button type="button" className="button" onClick={addPasted}>
            Add these variables
          </button>
        </details>
        <label className="checkbox play-dialog__remember">
          <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
          <span>Remember these variables for the next run of {job.name} in this browser</span>
        </label>
        {described ? (
          <div role="alert" className="job-actions__error">
            <strong>{described.title}.</strong> {described.detail}
          </div>
        ) : null}
      </form>
    </Dialog>
  );
}
