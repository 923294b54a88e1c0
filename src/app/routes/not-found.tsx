import { Link, useLocation } from 'react-router';
import { useDocumentTitle } from '../use-document-title.ts';

/** Any path the dashboard has no page for. */
export function NotFoundPage() {
  const location = useLocation();
  useDocumentTitle('Page not found');
  return (
    <section className="empty-state" aria-labelledby="not-found-title">
      <h1 id="not-found-title">Page not found</h1>
      <p>
        The dashboard has no page at <code>{location.pathname}</code>.
      </p>
      <p className="muted">
        Project pages look like GitLab’s: <code>/group/project/-/jobs</code> or <code>/123/-/jobs</code>.
      </p>
      <div className="empty-state__action">
        <Link className="button button--primary" to="/">
          Choose a project
        </Link>
      </div>
    </section>
  );
}
