import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { projectPath } from '../gitlab-paths.ts';

/** GitLab's "new personal access token" page, name and scope filled in (GitLab reads both from the URL). */
export function tokenPageUrl(host: string): string | null {
  try {
    const url = new URL('-/user_settings/personal_access_tokens', host.endsWith('/') ? host : `${host}/`);
    url.searchParams.set('name', 'CI Jobs dashboard');
    url.searchParams.set('scopes', 'read_api');
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export interface WelcomeProps {
  /** The GitLab address this site is set up for, when it is known. */
  host: string | null;
  /** config.json's defaultProjects (or the person's own list). */
  projects: readonly string[];
  /** "Sign in with GitLab", when this site has an OAuth application. */
  signIn?: ReactNode;
}

/**
 * The first screen without a token: what to do, in order, and the site's own projects.
 * Nothing here fails or asks to "try again": without a token there is nothing to retry.
 */
export function Welcome({ host, projects, signIn }: WelcomeProps) {
  const tokenPage = host ? tokenPageUrl(host) : null;
  return (
    <section className="welcome" aria-labelledby="welcome-heading">
      <h2 id="welcome-heading">Connect to GitLab</h2>
      <p>
        This dashboard shows the CI jobs of your GitLab projects{host ? <> on <strong>{host}</strong></> : null}. It talks to GitLab
        with your own access, so it needs to know who you are.
      </p>
      {signIn ? (
        <>
          <div className="welcome__sign-in">{signIn}</div>
          <p>Or use a personal access token instead:</p>
        </>
      ) : null}
      <p>
        {host ? null : <>Enter your GitLab’s address in Settings, then </>}
        {host ? 'Paste' : 'paste'} a <strong>personal access token</strong> in Settings, with the <code>read_api</code> scope to look at jobs, or{' '}
        <code>api</code> to also cancel, retry and run them
        {tokenPage ? (
          <>
            {' '}
            (<a href={tokenPage} target="_blank" rel="noopener noreferrer">
              create one in GitLab
            </a>
            )
          </>
        ) : null}
        .
      </p>
      <p>
        <Link className={signIn ? 'button' : 'button button--primary'} to="/settings">
          Open Settings
        </Link>
      </p>
      {projects.length > 0 ? (
        <>
          <SiteProjects projects={projects} headingLevel={3} />
          <p className="muted">Public projects open without a token; others ask for one.</p>
        </>
      ) : null}
    </section>
  );
}

/** config.json's defaultProjects (or the person's own list), as links to their jobs. */
export function SiteProjects({ projects, headingLevel = 2 }: { projects: readonly string[]; headingLevel?: 2 | 3 }) {
  if (projects.length === 0) return null;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section className="site-projects" aria-labelledby="site-projects-heading">
      <Heading id="site-projects-heading">Projects on this dashboard</Heading>
      <ul className="project-list" aria-label="Projects on this dashboard">
        {projects.map((p) => (
          <li key={p}>
            <Link to={projectPath(p, 'jobs')}>
              <span className="project-list__name">{p.split('/').pop()}</span>
              <span className="project-list__path">{p}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
