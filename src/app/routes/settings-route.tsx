import { useQueryClient } from '@tanstack/react-query';
import { useNavigate, useSearchParams } from 'react-router';
import { storageIsPersistent } from '../../config/index.ts';
import { gitlabKeys } from '../../gitlab/index.ts';
import { SettingsPage, type SettingsValues } from '../../features/settings/index.ts';
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
    forgetHost(snapshot.connection?.host);
    session.disconnect();
    toast.show('Disconnected: the token is forgotten.', { tone: 'info' });
  }

  const connection = snapshot.connection;
  return (
    <SettingsPage
      // A fresh form after saving or disconnecting elsewhere.
      key={`${connection?.host ?? ''}|${snapshot.source ?? ''}`}
      initial={{ host: connection?.host ?? '', token: connection?.token ?? '', remember: snapshot.remember }}
      canDisconnect={snapshot.source === 'browser'}
      source={snapshot.source === 'config' ? 'this site’s config.json' : snapshot.source === 'portal' ? 'the portal this page is embedded in (kept in memory only)' : undefined}
      persistent={storageIsPersistent()}
      onSave={handleSave}
      onDisconnect={handleDisconnect}
    />
  );
}
