import { Component, type ReactNode } from 'react';
import { ErrorState } from '../ui/index.ts';
import { isConnectionProblem } from './connection-problem.ts';
import { useDocumentTitle } from './use-document-title.ts';
import { appUrl, wallLocation } from './wall-location.ts';

interface Props {
  children: ReactNode;
  baseUrl: string;
  embedded: boolean;
}

/**
 * The wall entry's error boundary (it has no router, so not routes/route-error.tsx): what
 * failed, "Try again" (the wall drawn afresh), and the same ways out as the app's, as full
 * navigations.
 */
export class WallErrorBoundary extends Component<Props, { error: unknown; failed: boolean }> {
  override state = { error: null as unknown, failed: false };

  static getDerivedStateFromError(error: unknown) {
    return { error, failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    const { baseUrl, embedded } = this.props;
    const { pathname, search } = wallLocation(window.location.href, baseUrl);
    const here = pathname + search;
    return (
      <>
        <ErrorTitle />
        <ErrorState
        error={this.state.error}
        headingLevel={1}
        onRetry={() => this.setState({ error: null, failed: false })}
        actions={
          <>
            {isConnectionProblem(this.state.error) ? (
              <a className="button" href={appUrl(`/settings?next=${encodeURIComponent(here)}`, baseUrl, embedded)}>
                Open Settings
              </a>
            ) : null}
            <button type="button" className="button" onClick={() => window.history.back()}>
              Go back
            </button>
            <a className="button" href={appUrl('/', baseUrl, embedded)}>
              Projects
            </a>
          </>
        }
        />
      </>
    );
  }
}

function ErrorTitle() {
  useDocumentTitle('Error');
  return null;
}
