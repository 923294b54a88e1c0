/**
 * The postMessage contract between the dashboard in an iframe and the portal page around it
 * (README "Embedding in a portal"). Messages in are checked here, by shape and by origin;
 * anything else is dropped without a word (and never throws).
 */
import * as z from 'zod/mini';

/** A path inside the dashboard: `/group/project/-/jobs`, never `//host` or `https://…`. */
const appPath = z.string().check(
  z.maxLength(2048),
  z.refine((p) => p.startsWith('/') && !p.startsWith('//') && !p.startsWith('/\\') && ![...p].some((c) => c.charCodeAt(0) < 0x20)),
);

const TokenMessage = z.object({
  type: z.literal('ci-dashboard:token'),
  token: z.string().check(z.minLength(1), z.maxLength(4096)),
  gitlabUrl: z.string().check(z.minLength(1), z.maxLength(2048)),
});
const ThemeMessage = z.object({ type: z.literal('ci-dashboard:theme'), theme: z.enum(['light', 'dark']) });
const NavigateMessage = z.object({ type: z.literal('ci-dashboard:navigate'), path: appPath });

const InboundMessage = z.discriminatedUnion('type', [TokenMessage, ThemeMessage, NavigateMessage]);
export type InboundMessage = z.infer<typeof InboundMessage>;

export type OutboundMessage =
  | { type: 'ci-dashboard:ready' }
  | { type: 'ci-dashboard:resize'; height: number }
  | { type: 'ci-dashboard:location'; path: string };

/** Normalises `https://portal.example.com/` to `https://portal.example.com`; null when not an origin. */
export function normalizeOrigin(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** The message, when it comes from an allowed origin and has one of the contract's shapes; else null. */
export function parseInboundMessage(origin: string, data: unknown, allowedOrigins: readonly string[]): InboundMessage | null {
  if (!allowedOrigins.includes(origin)) return null;
  const result = InboundMessage.safeParse(data);
  return result.success ? result.data : null;
}

/** The path a portal keeps in its own URL: the route's path, query and hash, without `embed=1`. */
export function portalPath(location: { pathname: string; search: string; hash: string }): string {
  const params = new URLSearchParams(location.search);
  params.delete('embed');
  const search = params.toString();
  return `${location.pathname}${search ? `?${search}` : ''}${location.hash}`;
}
