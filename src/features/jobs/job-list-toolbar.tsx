import { useEffect, useRef, useState } from 'react';
import { statusLook } from '../../ui/index.ts';
import { chevronDownIcon, GlIcon, Menu, MenuCheckboxItem } from '../../ui/popups.ts';
import { normalizeScope, QUICK_TABS, SCOPE_STATUSES, tabOfScope, type JobListFilters } from './job-list-filters.ts';

export interface JobListToolbarProps {
  filters: JobListFilters;
  onChange: (filters: JobListFilters, options?: { replace?: boolean }) => void;
  /** Why the host cannot filter by a status ("needs GitLab 12.0 or later"), or undefined. */
  scopeReason?: (status: string) => string | undefined;
}

/** A text filter that writes to the URL once typing pauses (each keystroke would be a history entry). */
function TextFilter({ label, name, value, onCommit }: { label: string; name: string; value: string; onCommit: (value: string) => void }) {
  const [text, setText] = useState(value);
  const committed = useRef(value);
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  useEffect(() => {
    // The URL changed from elsewhere (back button, a shared link).
    if (value !== committed.current) {
      committed.current = value;
      setText(value);
    }
  }, [value]);
  useEffect(() => {
    if (text.trim() === committed.current) return;
    const timer = setTimeout(() => {
      committed.current = text.trim();
      commit.current(text.trim());
    }, 300);
    return () => clearTimeout(timer);
  }, [text]);
  return (
    <label className="field field--inline">
      <span className="field__label">{label}</span>
      <input type="search" name={name} value={text} onChange={(e) => setText(e.target.value)} autoComplete="off" spellCheck={false} />
    </label>
  );
}

/** Quick tabs, the status scope GitLab filters by, and the filters over loaded pages. */
export function JobListToolbar({ filters, onChange, scopeReason }: JobListToolbarProps) {
  const tab = tabOfScope(filters.scope);
  const toggleStatus = (status: string, on: boolean) => {
    const scope = on ? [...filters.scope, status] : filters.scope.filter((s) => s !== status);
    onChange({ ...filters, scope: normalizeScope(scope) });
  };
  const scopeSummary = filters.scope.length === 0 ? 'any' : filters.scope.map((s) => statusLook(s).label).join(', ');
  return (
    <div className="job-list-toolbar">
      <div className="quick-tabs" role="group" aria-label="Quick filters">
        {QUICK_TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            className={`button quick-tab${tab?.id === t.id ? ' is-current' : ''}`}
            aria-pressed={tab?.id === t.id}
            onClick={() => onChange({ ...filters, scope: [...t.scope] })}
          >
            {t.label}
          </button>
        ))}
      </div>
      <Menu
        label="Statuses GitLab filters by (scope)"
        trigger={
          <button type="button" className="button status-menu">
            Status: <span className="status-menu__summary">{scopeSummary}</span>
            <GlIcon icon={chevronDownIcon} />
          </button>
        }
      >
        {SCOPE_STATUSES.map((s) => {
          const reason = scopeReason?.(s);
          return (
            <MenuCheckboxItem key={s} checked={filters.scope.includes(s)} disabled={reason !== undefined && !filters.scope.includes(s)} onCheckedChange={(on) => toggleStatus(s, on)}>
              {statusLook(s).label}
              {reason ? <span className="muted"> ({reason})</span> : null}
            </MenuCheckboxItem>
          );
        })}
      </Menu>
      <TextFilter label="Name" name="name" value={filters.name} onCommit={(name) => onChange({ ...filters, name }, { replace: true })} />
      <TextFilter label="Stage" name="stage" value={filters.stage} onCommit={(stage) => onChange({ ...filters, stage }, { replace: true })} />
      <TextFilter label="Ref" name="ref" value={filters.ref} onCommit={(ref) => onChange({ ...filters, ref }, { replace: true })} />
    </div>
  );
}
