import { isRouteErrorResponse, Link, useLocation, useNavigate, useRevalidator, useRouteError } from 'react-router';
import { ErrorState } from '../../ui/index.ts';
import { isConnectionProblem } from '../connection-problem.ts';
import { useDocumentTitle } from '../use-document-title.ts';
import { NotFoundPage } from './not-found.tsx';

/**
 * The error boundary of every page: a 404 from the router shows the not-found page; anything
 * else (GitLab refusing, a bug) says what failed, offers to try again and a way back.
 */
export function RouteError() {
  const error = useRouteError();
  const location = useLocation();
  const navigate = useNavigate();
  const revalidator = useRevalidator();
  useDocumentTitle('Error');

  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundPage />;

  const needsSettings = isConnectionProblem(error);
  // A link the resolver refused (`/-/jobs/abc`) carries its reason as the response's data.
  const reason = isRouteErrorResponse(error) && error.status === 400 && typeof error.data === 'string' ? error.data : null;
  const shown = reason !== null ? new Error(reason) : isRouteErrorResponse(error) ? new Error(`${error.status} ${error.statusText}`) : error;
  return (
    <ErrorState
      error={shown}
      headingLevel={1}
      onRetry={() => {
        void revalidator.revalidate();
      }}
      actions={
        <>
          {needsSettings ? (
            <Link className="button" to={`/settings?next=${encodeURIComponent(location.pathname + location.search)}`}>
              Open Settings
            </Link>
          ) : null}
          <button type="button" className="button" onClick={() => void navigate(-1)}>
            Go back
          </button>
          <Link className="button" to="/">
            Projects
          </Link>
        </>
      }
    />
  );
}
