import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { gitlabKeys } from '../../gitlab/index.ts';
import { useSession, useSessionStore } from '../providers.tsx';
import { SignInError, startSignIn } from './sign-in.ts';

export interface SignIn {
  /** Null when this site has no OAuth application (config.json `gitlab.oauth`) or no GitLab address. */
  available: { host: string } | null;
  busy: boolean;
  error: string | null;
  start(remember: boolean, returnTo: string): void;
}

/** The sign-in button's behaviour, for Settings and the first screen. */
export function useSignIn(): SignIn {
  const { effective } = useSession();
  const session = useSessionStore();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const oauth = effective.oauth;
  const host = effective.gitlabUrl;
  const available = oauth && host ? { host } : null;

  function start(remember: boolean, returnTo: string) {
    if (!oauth || !host) return;
    setBusy(true);
    setError(null);
    startSignIn({ host, clientId: oauth.clientId, scopes: oauth.scopes, remember, returnTo, baseUrl: document.baseURI, win: window }).then(
      (done) => {
        if (!done) return; // the page went to GitLab
        queryClient.removeQueries({ queryKey: gitlabKeys.host(host) });
        session.saveOAuth({ host, tokens: done.tokens, clientId: oauth.clientId, remember: done.pending.remember });
        setBusy(false);
        void navigate(returnTo);
      },
      (e: unknown) => {
        setBusy(false);
        setError(e instanceof SignInError ? e.message : `The sign-in failed: ${e instanceof Error ? e.message : String(e)}`);
      },
    );
  }
  return { available, busy, error, start };
}
