import { useQuery } from '@tanstack/react-query';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { projectsQueryOptions, type Connection } from '../../gitlab/index.ts';
import { EmptyState, ErrorState, LoadingState } from '../../ui/index.ts';
import { SiteProjects, Welcome } from './welcome.tsx';
import { isConnectionProblem } from '../connection-problem.ts';
import { parsePastedGitLabUrl, projectPath } from '../gitlab-paths.ts';
import { useSignIn } from '../oauth/use-sign-in.ts';
import { useSession } from '../providers.tsx';
import type { RecentProject } from '../session.ts';
import { useDocumentTitle } from '../use-document-title.ts';

/** `/`: find a project (search, recent ones) or open a pasted GitLab URL. */
export function ProjectPickerRoute() {
  useDocumentTitle('Projects');
  const { connection, recentProjects, effective } = useSession();
  // Without a token GitLab lists no "your projects": welcome the person instead of failing.
  const signedIn = connection !== null && Boolean(connection.token);
  return (
    <>
      <div className="page-header">
        <h1>Projects</h1>
        {connection ? <span className="muted">on {displayHost(connection.host)}</span> : null}
      </div>
      <div className="picker">
        <div className="picker__main">
          {connection && signedIn ? <ProjectSearch connection={connection} /> : <Welcome host={connection?.host ?? effective.gitlabUrl} projects={effective.projects} signIn={<WelcomeSignIn />} />}
        </div>
        <aside aria-label="Open a project">
          <PasteBox connectedHost={connection?.host ?? null} />
          {signedIn ? <SiteProjects projects={effective.projects} /> : null}
          <RecentProjects projects={recentProjects} />
        </aside>
      </div>
    </>
  );
}

/** The first screen's sign-in button (nothing when the site has no OAuth application). */
function WelcomeSignIn() {
  const signIn = useSignIn();
  if (!signIn.available) return null;
  return (
    <div className="welcome__sign-in">
      <button type="button" className="button button--primary" disabled={signIn.busy} onClick={() => signIn.start(false, '/')}>
        {signIn.busy ? 'Signing in…' : 'Sign in with GitLab'}
      </button>
      {signIn.error ? (
        <p className="tone-danger" role="alert">
          {signIn.error}
        </p>
      ) : null}
    </div>
  );
}

function displayHost(host: string): string {
  try {
    const url = new URL(host);
    return `${url.host}${url.pathname === '/' ? '' : url.pathname}`;
  } catch {
    return host;
  }
}

function ProjectSearch({ connection }: { connection: Connection }) {
  const [params, setParams] = useSearchParams();
  const urlSearch = params.get('search') ?? '';
  const [text, setText] = useState(urlSearch);
  const inputId = useId();

  // The search term lives in the URL (shareable, survives reload); typing updates it after a pause.
  useEffect(() => {
    if (text.trim() === urlSearch) return;
    const timer = setTimeout(() => {
      setParams(text.trim() ? { search: text.trim() } : {}, { replace: true });
    }, 300);
    return () => clearTimeout(timer);
  }, [text, urlSearch, setParams]);

  const query = useQuery(projectsQueryOptions(connection, { search: urlSearch, membership: true }));

  return (
    <section aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>Your projects</h2>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <div className="field">
          <label htmlFor={inputId}>Search projects</label>
          <input id={inputId} type="search" value={text} placeholder="Name or path" autoComplete="off" onChange={(e) => setText(e.target.value)} />
        </div>
      </form>
      {query.isPending ? (
        <LoadingState label="Loading projects" rows={4} />
      ) : query.isError ? (
        <ErrorState
          error={query.error}
          onRetry={() => void query.refetch()}
          actions={
            isConnectionProblem(query.error) ? (
              <Link className="button" to="/settings">
                Open Settings
              </Link>
            ) : null
          }
        />
      ) : query.data.items.length === 0 ? (
        <EmptyState title={urlSearch ? `No project matches “${urlSearch}”` : 'No projects'}>
          <p>{urlSearch ? 'Try part of the name or the path.' : 'This token is not a member of any project.'}</p>
        </EmptyState>
      ) : (
        <ul className="project-list" aria-label="Projects">
          {query.data.items.map((p) => (
            <li key={p.id}>
              <Link to={projectPath(p.path_with_namespace ?? p.id, 'jobs')}>
                <span className="project-list__name">{p.name_with_namespace ?? p.name}</span>
                <span className="project-list__path">{p.path_with_namespace ?? `project ${p.id}`}</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RecentProjects({ projects }: { projects: readonly RecentProject[] }) {
  if (projects.length === 0) return null;
  return (
    <section aria-labelledby="recent-projects-heading" className="recent-projects">
      <h2 id="recent-projects-heading">Recent</h2>
      <ul className="project-list" aria-label="Recent projects">
        {projects.map((p) => (
          <li key={p.path}>
            <Link to={projectPath(p.path, 'jobs')}>
              <span className="project-list__name">{p.name ?? p.path}</span>
              <span className="project-list__path">{p.path}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function PasteBox({ connectedHost }: { connectedHost: string | null }) {
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [message, setMessage] = useState<{ tone: 'danger' | 'warning'; text: string; path?: string } | null>(null);
  const inputId = useId();
  const messageId = useId();

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const result = parsePastedGitLabUrl(text, connectedHost);
    if (!result.ok) {
      setMessage({ tone: 'danger', text: result.reason });
      return;
    }
    if (result.hostDiffers && result.host && connectedHost) {
      setMessage({
        tone: 'warning',
        text: `That link is from ${displayHost(result.host)}, but the dashboard is connected to ${displayHost(connectedHost)}. The same path here may be another project or none.`,
        path: result.path,
      });
      return;
    }
    void navigate(result.path);
  }

  return (
    <section aria-labelledby={`${inputId}-heading`} className="paste-box">
      <h2 id={`${inputId}-heading`}>Open a GitLab link</h2>
      <form onSubmit={handleSubmit} className="inline-form">
        <div className="field">
          <label htmlFor={inputId}>GitLab URL</label>
          <input
            id={inputId}
            type="text"
            inputMode="url"
            spellCheck={false}
            placeholder="https://gitlab.example.com/group/project/-/jobs"
            value={text}
            aria-describedby={message ? messageId : undefined}
            onChange={(e) => {
              setText(e.target.value);
              setMessage(null);
            }}
          />
        </div>
        <button type="submit" className="button">
          Open
        </button>
      </form>
      <div aria-live="polite">
        {message ? (
          <div id={messageId} className={`banner ${message.tone === 'danger' ? 'banner--danger' : ''}`}>
            <span>{message.text}</span>
            {message.path ? (
              <Link className="button" to={message.path}>
                Open here
              </Link>
            ) : null}
          </div>
        ) : null}
      </div>
    </section>
  );
}
