import type { ConnectionCheck } from '../../gitlab/index.ts';

/** What a successful test found: GitLab's version, the user, and what the token may do. */
export function ConnectionReport({ result }: { result: ConnectionCheck }) {
  const { version, user, canWrite } = result;
  const access =
    canWrite === true
      ? { word: 'can act', tone: 'success', text: 'This token can act on jobs (cancel, retry, run, erase).' }
      : canWrite === false
        ? { word: 'read only', tone: 'warning', text: 'This token can only read (read_api): actions on jobs will be refused.' }
        : { word: 'unknown', tone: 'neutral', text: 'This GitLab does not say what the token may do (older than 15.5); actions will tell.' };
  return (
    <section className="banner banner--success connection-report" aria-label="Connection test result">
      <dl className="connection-report__list">
        <dt>GitLab</dt>
        <dd>{version ? version.version : <span className="muted">version not told</span>}</dd>
        <dt>User</dt>
        <dd>
          {user ? (
            <>
              {user.name}
              {user.username ? <span className="muted"> (@{user.username})</span> : null}
            </>
          ) : (
            <span className="muted">anonymous (no token): only public projects</span>
          )}
        </dd>
        <dt>Token</dt>
        <dd>
          <strong className={`tone-${access.tone}`}>{access.word}</strong> <span>{access.text}</span>
        </dd>
      </dl>
    </section>
  );
}
