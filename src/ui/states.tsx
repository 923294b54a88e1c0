import type { ReactNode } from 'react';

export interface LoadingStateProps {
  /** What is loading, for screen readers: "Loading jobs". */
  label: string;
  /** How many skeleton rows to draw. */
  rows?: number;
}

/** A skeleton of rows while data loads; announced once to screen readers. */
export function LoadingState({ label, rows = 5 }: LoadingStateProps) {
  return (
    <div className="loading-state" role="status" aria-busy="true">
      <span className="visually-hidden">{label}…</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton-row" aria-hidden="true">
          <span className="skeleton" style={{ width: '12%' }} />
          <span className="skeleton" style={{ width: `${30 + ((i * 17) % 30)}%` }} />
          <span className="skeleton" style={{ width: '18%' }} />
        </div>
      ))}
    </div>
  );
}

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  /** A button or link that gets the person somewhere useful. */
  action?: ReactNode;
}

/** Nothing to show, said plainly, with the next step when there is one. */
export function EmptyState({ title, children, action }: EmptyStateProps) {
  return (
    <section className="empty-state" aria-label={title}>
      <h2 className="empty-state__title">{title}</h2>
      {children ? <div className="empty-state__body">{children}</div> : null}
      {action ? <div className="empty-state__action">{action}</div> : null}
    </section>
  );
}
