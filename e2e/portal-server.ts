/**
 * A page on another origin (its own port on 127.0.0.1) for the embed stories: a portal that
 * frames the dashboard, or a third site. Each call starts its own server.
 */
import { createServer } from 'node:http';

export interface HtmlSite {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  url: string;
  close(): Promise<void>;
}

export async function serveHtml(html: string): Promise<HtmlSite> {
  const server = createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The portal page of the README's snippet: frames `frameSrc`, answers `ci-dashboard:ready` with
 * the token (when given), follows `ci-dashboard:resize`, and records every message it hears in
 * `window.heard` for the test to read.
 */
export function portalHtml({ frameSrc, dashboardOrigin, token, gitlabUrl, extraFrame }: { frameSrc: string; dashboardOrigin: string; token?: string; gitlabUrl?: string; extraFrame?: string }): string {
  const config = JSON.stringify({ dashboardOrigin, token: token ?? null, gitlabUrl: gitlabUrl ?? null }).replace(/</g, '\\u003c');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Portal</title></head>
<body style="margin:0;font-family:sans-serif">
<header style="height:60px;background:#333;color:#fff;padding:0 1rem;display:flex;align-items:center">The company portal</header>
<iframe id="ci" title="CI jobs" src="${frameSrc}" style="width:100%;height:150px;border:0;display:block"></iframe>
${extraFrame ? `<iframe id="other" title="Another site" src="${extraFrame}" style="width:100%;height:40px;border:0"></iframe>` : ''}
<script>
  const config = ${config};
  const frame = document.getElementById('ci');
  window.heard = [];
  window.addEventListener('message', (event) => {
    if (event.origin !== config.dashboardOrigin || event.source !== frame.contentWindow) return;
    const message = event.data;
    window.heard.push(message);
    if (message.type === 'ci-dashboard:ready' && config.token) {
      frame.contentWindow.postMessage({ type: 'ci-dashboard:token', token: config.token, gitlabUrl: config.gitlabUrl }, config.dashboardOrigin);
    }
    if (message.type === 'ci-dashboard:resize') frame.style.height = message.height + 'px';
  });
  window.tell = (message) => frame.contentWindow.postMessage(message, config.dashboardOrigin);
</script>
</body></html>`;
}
