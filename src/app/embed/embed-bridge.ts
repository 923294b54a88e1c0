/**
 * The dashboard's side of the portal contract (embed-messages.ts): listens to the page that
 * frames it, only when that page's origin is in `embed.allowedOrigins`, and tells it when the
 * dashboard is ready, how tall its content is and where it is. Messages go to the allowed
 * origins only (postMessage's targetOrigin), so no other page ever reads them.
 */
import { parseInboundMessage, type InboundMessage, type OutboundMessage } from './embed-messages.ts';

export interface EmbedBridge {
  send(message: OutboundMessage): void;
  /** Sends `ci-dashboard:resize` whenever the content's height changes; returns a stop function. */
  watchHeight(element: Element): () => void;
  stop(): void;
}

export interface EmbedBridgeOptions {
  win: Window;
  allowedOrigins: readonly string[];
  onMessage(message: InboundMessage): void;
}

/** Null when there is no contract: no allowed origin, or not inside a frame. */
export function startEmbedBridge({ win, allowedOrigins, onMessage }: EmbedBridgeOptions): EmbedBridge | null {
  if (allowedOrigins.length === 0 || win.parent === win) return null;
  const parent = win.parent;

  const listener = (event: MessageEvent) => {
    // Only the framing page itself, from an allowed origin, with a known shape; the rest is ignored.
    if (event.source !== parent) return;
    const message = parseInboundMessage(event.origin, event.data, allowedOrigins);
    if (!message) return;
    try {
      onMessage(message);
    } catch (e) {
      console.error('ci-dashboard: a portal message could not be applied', e);
    }
  };
  win.addEventListener('message', listener);

  const send = (message: OutboundMessage) => {
    for (const origin of allowedOrigins) {
      try {
        parent.postMessage(message, origin);
      } catch {
        // A detached frame: nobody to tell.
      }
    }
  };

  const watchHeight = (element: Element) => {
    let last = -1;
    const report = () => {
      // The content's own bottom edge: the frame's height must never feed back into it.
      const height = Math.ceil(element.getBoundingClientRect().bottom + win.scrollY);
      if (height === last) return;
      last = height;
      send({ type: 'ci-dashboard:resize', height });
    };
    const observer = new ResizeObserver(report);
    observer.observe(element);
    report();
    return () => observer.disconnect();
  };

  return {
    send,
    watchHeight,
    stop: () => win.removeEventListener('message', listener),
  };
}
