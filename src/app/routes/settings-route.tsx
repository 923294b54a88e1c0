import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { storageIsPersistent } from '../../config/index.ts';
import { gitlabKeys } from '../../gitlab/index.ts';
import { SettingsPage, SignInWithGitLab, type SettingsValues } from '../../features/settings/index.ts';
import { useSignIn } from '../oauth/use-sign-in.ts';
import { useToast } from '../../ui/index.ts';
import { useSession, useSessionStore } from '../providers.tsx';
import { useDocumentTitle } from '../use-document-title.ts';

/** Only a path inside the dashboard may follow `?next=`; anything else goes to the picker. */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

export function SettingsRoute() {
  useDocumentTitle('Settings');
  const snapshot = useSession();
  const session = useSessionStore();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const toast = useToast();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const signIn = useSignIn();

  // Tokens are not part of query keys, so a new token must not see the old one's cache.
  function forgetHost(host: string | undefined) {
    if (host) queryClient.removeQueries({ queryKey: gitlabKeys.host(host) });
  }

  function handleSave(values: SettingsValues) {
    forgetHost(snapshot.connection?.host);
    session.saveConnection(values);
    forgetHost(values.host);
    toast.show(values.remember ? 'Saved on this device.' : 'Saved for this browser session.', { tone: 'success' });
    void navigate(next);
  }

  function handleDisconnect() {
    const host = snapshot.connection?.host;
    const oauth = snapshot.connection?.tokenType === 'oauth';
    // Signing out of GitLab revokes the token there before forgetting it here.
    void session.signOut().then(() => {
      forgetHost(host);
      toast.show(oauth ? 'Signed out: GitLab revoked the token.' : 'Disconnected: the token is forgotten.', { tone: 'info' });
    });
  }

  const connection = snapshot.connection;
  const persistent = storageIsPersistent();
  return (
    <>
      {signIn.available ? (
        <SignInWithGitLab host={signIn.available.host} busy={signIn.busy} error={signIn.error} persistent={persistent} onSignIn={(remember) => signIn.start(remember, next)} />
      ) : null}
      {connection?.tokenType === 'oauth' ? (
        <p className="banner" role="status">
          Signed in with GitLab on {connection.host}. The token renews itself; Disconnect signs out and revokes it.
        </p>
      ) : null}
      <SettingsPage
      // A fresh form after saving or disconnecting elsewhere.
      key={`${connection?.host ?? ''}|${snapshot.source ?? ''}`}
      initial={{ host: connection?.host ?? '', token: connection?.token ?? '', remember: snapshot.remember }}
      canDisconnect={snapshot.source === 'browser'}
      source={snapshot.source === 'config' ? 'this site’s config.json' : snapshot.source === 'portal' ? 'the portal this page is embedded in (kept in memory only)' : undefined}
      persistent={persistent}
      onSave={handleSave}
      onDisconnect={handleDisconnect}
      />
    </>
  );
}
