/**
 * config.json as the built page's loader asked for it (scripts/runtime-base/loader.js,
 * `startConfigRequest`): while the app's script downloaded and ran, not after. The app takes
 * that answer once, for the same URL, instead of asking again; the dev server has no loader,
 * and then the app asks itself.
 */
type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The window property the loader leaves its request in (the loader's `EARLY_CONFIG_KEY`). */
export const EARLY_CONFIG_KEY = '__ciDashboardConfig';

interface EarlyConfigRequest {
  url: string;
  response: Promise<Response>;
}

function isEarlyConfigRequest(value: unknown): value is EarlyConfigRequest {
  if (typeof value !== 'object' || value === null) return false;
  const { url, response } = value as Record<string, unknown>;
  return typeof url === 'string' && response instanceof Promise;
}

/**
 * A fetch for `loadConfig` that answers the first request for the loader's URL with the
 * loader's request, and any other with `fallback`. The request is taken off the window, so a
 * second boot (none today) would ask again.
 */
export function takeEarlyConfigRequest(win: object, fallback: FetchLike = (input, init) => globalThis.fetch(input, init)): FetchLike {
  const holder = win as Record<string, unknown>;
  const early = holder[EARLY_CONFIG_KEY];
  delete holder[EARLY_CONFIG_KEY];
  let pending = isEarlyConfigRequest(early) ? early : null;
  return (input, init) => {
    if (pending && input === pending.url) {
      const { response } = pending;
      pending = null;
      return response;
    }
    return fallback(input, init);
  };
}
