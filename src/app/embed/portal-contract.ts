/**
 * Wires the portal contract to the app: a token goes to the session (memory only), a theme to
 * the session, a path to the router; the router's moves go back as `ci-dashboard:location`.
 */
import type { Session } from '../session.ts';
import { startEmbedBridge } from './embed-bridge.ts';
import type { InboundMessage } from './embed-messages.ts';
import { portalPath } from './embed-messages.ts';

interface ContractRouter {
  navigate(to: string): Promise<void>;
  state: { location: { pathname: string; search: string; hash: string }; navigation: { state: string } };
  subscribe(fn: (state: ContractRouter['state']) => void): () => void;
}

export interface PortalContract {
  /** Once the router exists and the app is rendered: ready, resize and location messages start. */
  attach(router: ContractRouter, content: Element): void;
  stop(): void;
}

/** Starts listening before the router exists, so that loaders can wait for the portal's token. Null when the contract is off. */
export function startPortalContract({ win, allowedOrigins, session }: { win: Window; allowedOrigins: readonly string[]; session: Session }): PortalContract | null {
  let router: ContractRouter | null = null;
  const pending: string[] = [];
  const apply = (message: InboundMessage) => {
    switch (message.type) {
      case 'ci-dashboard:token':
        session.setPortalConnection({ host: message.gitlabUrl, token: message.token });
        return;
      case 'ci-dashboard:theme':
        session.setThemeOverride(message.theme);
        return;
      case 'ci-dashboard:navigate':
        if (router) void router.navigate(message.path);
        else pending.push(message.path);
        return;
    }
  };
  const bridge = startEmbedBridge({ win, allowedOrigins, onMessage: apply });
  if (!bridge) return null;
  session.expectPortalToken();
  const stops: (() => void)[] = [bridge.stop];

  return {
    attach(r, content) {
      router = r;
      bridge.send({ type: 'ci-dashboard:ready' });
      stops.push(bridge.watchHeight(content));
      let last = '';
      const tell = (state: ContractRouter['state']) => {
        if (state.navigation.state !== 'idle') return;
        const path = portalPath(state.location);
        if (path === last) return;
        last = path;
        bridge.send({ type: 'ci-dashboard:location', path });
      };
      stops.push(r.subscribe(tell));
      tell(r.state);
      for (const path of pending.splice(0)) void r.navigate(path);
    },
    stop() {
      for (const stop of stops.splice(0)) stop();
    },
  };
}
