import { useId, useState, type FormEvent } from 'react';
import { statusLook } from '../../ui/index.ts';
import { NO_PIPELINE_FILTERS, PIPELINE_SCOPES, PIPELINE_SOURCES, PIPELINE_STATUSES, type PipelineListFilters } from './model/list-filters.ts';

export interface PipelineListToolbarProps {
  filters: PipelineListFilters;
  onChange: (filters: PipelineListFilters) => void;
}

/** GitLab's tabs (All, Running, Finished, Branches, Tags) and the ref, status, source and user filters. */
export function PipelineListToolbar({ filters, onChange }: PipelineListToolbarProps) {
  return (
    <div className="pipelines__toolbar">
      <div className="quick-tabs" role="group" aria-label="Pipelines to show">
        {PIPELINE_SCOPES.map((t) => (
          <button
            key={t.id}
            type="button"
            className={`button quick-tab${filters.scope === t.id ? ' is-current' : ''}`}
            aria-pressed={filters.scope === t.id}
            onClick={() => onChange({ ...filters, scope: t.id, page: 1 })}
          >
            {t.label}
          </button>
        ))}
      </div>
      {/* Keyed by the URL's filters: the back button or a shared link resets what is typed. */}
      <FilterForm key={`${filters.ref}|${filters.status}|${filters.source}|${filters.username}|${filters.sha}`} filters={filters} onChange={onChange} />
    </div>
  );
}

function FilterForm({ filters, onChange }: PipelineListToolbarProps) {
  const [draft, setDraft] = useState(filters);
  const ids = { ref: useId(), status: useId(), source: useId(), user: useId() };
  const set = (key: 'ref' | 'status' | 'source' | 'username', value: string) => setDraft((d) => ({ ...d, [key]: value }));
  const handleSubmit = (e: FormEvent) => {
    e.preventDefault();
    onChange({ ...filters, ref: draft.ref.trim(), status: draft.status, source: draft.source, username: draft.username.trim().replace(/^@/, ''), page: 1 });
  };
  const active = filters.ref || filters.status || filters.source || filters.username || filters.sha;
  return (
    <form className="pipelines__filters inline-form" aria-label="Filter pipelines" onSubmit={handleSubmit}>
      <div className="field">
        <label htmlFor={ids.ref}>Branch or tag</label>
        <input id={ids.ref} type="search" value={draft.ref} onChange={(e) => set('ref', e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      <div className="field">
        <label htmlFor={ids.status}>Status</label>
        <select id={ids.status} value={draft.status} onChange={(e) => set('status', e.target.value)}>
          <option value="">any</option>
          {PIPELINE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLook(s).label}
            </option>
          ))}
          {draft.status && !(PIPELINE_STATUSES as readonly string[]).includes(draft.status) ? <option value={draft.status}>{draft.status}</option> : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.source}>Source</label>
        <select id={ids.source} value={draft.source} onChange={(e) => set('source', e.target.value)}>
          <option value="">any</option>
          {PIPELINE_SOURCES.map((s) => (
            <option key={s} value={s}>
              {s.replaceAll('_', ' ')}
            </option>
          ))}
          {draft.source && !(PIPELINE_SOURCES as readonly string[]).includes(draft.source) ? <option value={draft.source}>{draft.source}</option> : null}
        </select>
      </div>
      <div className="field">
        <label htmlFor={ids.user}>Triggered by</label>
        <input id={ids.user} type="search" placeholder="username" value={draft.username} onChange={(e) => set('username', e.target.value)} autoComplete="off" spellCheck={false} />
      </div>
      <button type="submit" className="button">
        Filter
      </button>
      {active ? (
        <button type="button" className="button button--ghost" onClick={() => onChange({ ...NO_PIPELINE_FILTERS, scope: filters.scope })}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
