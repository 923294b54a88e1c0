import type { ReactNode } from 'react';
import { describeError } from '../gitlab/index.ts';

export interface ErrorStateProps {
  error: unknown;
  /** Shows a "Try again" button when given. */
  onRetry?: () => void;
  /** More ways out (a link to Settings, back to the projects). */
  actions?: ReactNode;
  /** Heading level for the title, so the state fits the page outline. */
  headingLevel?: 1 | 2;
}

/** What failed, in GitLab's words where it gave any, what to do about it, and a way out. */
export function ErrorState({ error, onRetry, actions, headingLevel = 2 }: ErrorStateProps) {
  const { title, detail, hint } = describeError(error);
  const Heading = headingLevel === 1 ? 'h1' : 'h2';
  return (
    <section className="error-state" role="alert" aria-label={title}>
      <Heading className="error-state__title">{title}</Heading>
      <p className="error-state__detail">{detail}</p>
      {hint ? <p className="error-state__hint">{hint}</p> : null}
      {onRetry || actions ? (
        <div className="error-state__actions">
          {onRetry ? (
            <button type="button" className="button button--primary" onClick={onRetry}>
              Try again
            </button>
          ) : null}
          {actions}
        </div>
      ) : null}
    </section>
  );
}
