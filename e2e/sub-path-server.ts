/**
 * Serves the production build under a sub-path, the way a site would deploy it: the files of
 * dist/ under `prefix`, unchanged (docs/decisions/0001), and every other path under the prefix
 * answered with index.html (the SPA fallback any host needs).
 */
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export interface ServeOptions {
  /** false: a misdeployment where only index.html was copied (every path answers it). */
  files?: boolean;
  /** config.json's text at each request instead of the build's file; served cacheable for an hour (with an ETag), as a careless host would. */
  config?: () => string;
}

export async function serveBuildUnder(prefix: string, options: ServeOptions = {}): Promise<{ url: string; close(): Promise<void> }> {
  const index = await readFile(join(dist, 'index.html'), 'utf8');
  const files = options.files ?? true;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === prefix.replace(/\/$/, '')) {
      res.writeHead(301, { location: prefix }).end();
      return;
    }
    if (!path.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    const rel = normalize(path.slice(prefix.length)).replace(/^(\.\.[/\\])+/, '');
    const file = join(dist, rel);
    const sendIndex = () => res.writeHead(200, { 'content-type': TYPES['.html'] ?? 'text/html' }).end(index);
    if (options.config && rel === 'config.json') {
      const body = options.config();
      const etag = `"${body.length}-${[...body].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7)}"`;
      if (req.headers['if-none-match'] === etag) res.writeHead(304, { etag }).end();
      else res.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=3600', etag }).end(body);
      return;
    }
    if (!files || rel === '' || rel === '.' || rel === 'index.html' || !file.startsWith(dist)) {
      sendIndex();
      return;
    }
    readFile(file).then(
      (body) => res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(body),
      () => sendIndex(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // A page still open keeps its connections alive; close() would wait for them.
        server.closeAllConnections();
      }),
  };
}
