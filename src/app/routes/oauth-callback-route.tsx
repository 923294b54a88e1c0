import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { gitlabKeys } from '../../gitlab/index.ts';
import { LoadingState } from '../../ui/index.ts';
import { finishSignIn, readCallback, RESULT_MESSAGE, SignInError, takePending } from '../oauth/sign-in.ts';
import { useSessionStore } from '../providers.tsx';
import { useDocumentTitle } from '../use-document-title.ts';

async function completeRedirect(result: ReturnType<typeof readCallback>) {
  const pending = takePending();
  if (!pending) throw new SignInError('This browser started no sign-in that this answer could belong to (its state is unknown): nothing was saved. Start again.');
  return { pending, tokens: await finishSignIn(pending, result, document.baseURI) };
}

type Outcome = { kind: 'working' } | { kind: 'handed-back' } | { kind: 'failed'; message: string };

/**
 * `oauth/callback`: where GitLab sends the browser back. A popup hands the result to the page
 * that opened it (same origin only) and closes; a redirect sign-in checks the state this tab
 * kept, exchanges the code and goes back where it started. The code leaves the address bar first.
 */
export function OAuthCallbackRoute() {
  useDocumentTitle('Signing in');
  const session = useSessionStore();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  // Read once: the code leaves the address bar right after.
  const [result] = useState(() => readCallback(window.location.search));
  const [popupGone] = useState(() => result.popup && !window.opener);
  const [redirectOutcome, setRedirectOutcome] = useState<Outcome>({ kind: 'working' });
  const once = useRef(false);

  useEffect(() => {
    if (once.current) return;
    once.current = true;
    window.history.replaceState(window.history.state, '', window.location.pathname);
    if (result.popup) {
      if (popupGone) return;
      (window.opener as Window).postMessage({ type: RESULT_MESSAGE, state: result.state, code: result.code, error: result.error, error_description: result.error_description }, window.location.origin);
      window.close();
      return;
    }
    completeRedirect(result).then(
      (done) => {
        queryClient.removeQueries({ queryKey: gitlabKeys.host(done.pending.host) });
        session.saveOAuth({ host: done.pending.host, tokens: done.tokens, clientId: done.pending.clientId, remember: done.pending.remember });
        void navigate(done.pending.returnTo, { replace: true });
      },
      (e: unknown) => setRedirectOutcome({ kind: 'failed', message: e instanceof SignInError ? e.message : `The sign-in failed: ${e instanceof Error ? e.message : String(e)}` }),
    );
  }, [result, popupGone, session, queryClient, navigate]);

  const outcome: Outcome = result.popup
    ? popupGone
      ? { kind: 'failed', message: 'The window that started this sign-in is gone: start again from the dashboard.' }
      : { kind: 'handed-back' }
    : redirectOutcome;
  if (outcome.kind === 'working') return <LoadingState label="Signing in with GitLab" />;
  if (outcome.kind === 'handed-back') return <p>Signed in. This window can be closed.</p>;
  return (
    <section className="error-state" role="alert" aria-labelledby="oauth-failed">
      <h1 id="oauth-failed">Not signed in</h1>
      <p>{outcome.message}</p>
      <p>
        <Link className="button button--primary" to="/settings">
          Back to Settings
        </Link>
      </p>
    </section>
  );
}
