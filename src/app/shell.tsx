import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { Link, NavLink, Outlet, ScrollRestoration, useLocation, useNavigation } from 'react-router';
import { currentUserQueryOptions, describeError, type Connection } from '../gitlab/index.ts';
import { useStickyEmbed } from './embed/use-sticky-embed.ts';
import { projectPath } from './gitlab-paths.ts';
import { useAppEnv, useSession } from './providers.tsx';
import { useCurrentProject } from './routes/project-route-data.ts';

/** Header (connection, project), navigation and the page; embed mode keeps only the page. */
export function Shell() {
  const { embed } = useAppEnv();
  const { effective } = useSession();
  const current = useCurrentProject();
  const mainRef = useRef<HTMLElement>(null);
  const navigating = useNavigation().state === 'loading';
  const { pathname } = useLocation();
  const firstPath = useRef(pathname);
  useStickyEmbed(effective.embed);

  // After moving to another page, screen readers and keyboards start at the new content,
  // not at the link that was followed (the first page load keeps the browser's default).
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = '';
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <div className={embed ? 'app app--embed' : 'app'}>
      {navigating ? <div className="nav-progress" role="progressbar" aria-label="Loading the page" /> : null}
      {embed ? null : (
        <>
          {/* A plain #main link would resolve against <base href> and leave the page. */}
          <a
            className="skip-link"
            href="#main"
            onClick={(e) => {
              e.preventDefault();
              mainRef.current?.focus();
            }}
          >
            Skip to content
          </a>
          <header className="app-header">
            <Link className="app-header__brand" to="/">
              CI Jobs
            </Link>
            {current ? (
              <div className="app-header__project">
                <span className="muted">Project</span>
                <Link to={projectPath(current.projectPath, 'jobs')}>{current.project.path_with_namespace ?? current.project.name}</Link>
              </div>
            ) : null}
            <nav className="app-nav" aria-label="Main">
              <ul>
                <li>
                  <NavLink to="/" end>
                    Projects
                  </NavLink>
                </li>
                {current ? (
                  <li>
                    <NavLink to={projectPath(current.projectPath, 'jobs')}>Jobs</NavLink>
                  </li>
                ) : null}
                {current ? (
                  <li>
                    <NavLink to={projectPath(current.projectPath, 'pipelines')} end>
                      Pipelines
                    </NavLink>
                  </li>
                ) : null}
                <li>
                  <NavLink to="/settings">Settings</NavLink>
                </li>
              </ul>
            </nav>
            <ConnectionState />
          </header>
        </>
      )}
      <main id="main" className="app-main" ref={mainRef} tabIndex={-1}>
        {effective.warnings.map((w) => (
          <p key={w} className="banner" role="status">
            {w}
          </p>
        ))}
        <Outlet />
      </main>
      <ScrollRestoration />
    </div>
  );
}

function hostLabel(host: string): string {
  try {
    return new URL(host).host;
  } catch {
    return host;
  }
}

/** "Connected to host as user", "not connected", or what is wrong with the connection. */
function ConnectionState() {
  const { connection } = useSession();
  if (!connection) {
    return (
      <div className="connection-state">
        <span className="connection-state__dot" aria-hidden="true" />
        <Link to="/settings">Not connected</Link>
      </div>
    );
  }
  return <ConnectedState connection={connection} />;
}

function ConnectedState({ connection }: { connection: Connection }) {
  const user = useQuery({ ...currentUserQueryOptions(connection), enabled: Boolean(connection.token) });
  const host = hostLabel(connection.host);
  if (user.isError) {
    const { title } = describeError(user.error);
    return (
      <div className="connection-state connection-state--error" data-testid="connection-state">
        <span className="connection-state__dot" aria-hidden="true" />
        <Link to="/settings">
          {host}: {title}
        </Link>
      </div>
    );
  }
  return (
    <div className={`connection-state ${user.isSuccess ? 'connection-state--ok' : ''}`} data-testid="connection-state">
      <span className="connection-state__dot" aria-hidden="true" />
      <span>
        {host}
        {user.data ? ` · ${user.data.name}` : connection.token ? '' : ' · not signed in'}
      </span>
    </div>
  );
}
