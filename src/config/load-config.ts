/**
 * Loads `config.json` from beside the built files (relative to the document, so any base path
 * works) and validates it. A missing, unreadable or invalid file is a ConfigError whose
 * `problems` the boot error page lists.
 */
import { parseConfig } from './schema.ts';
import type { RuntimeConfig } from './schema.ts';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  /** Where config.json was looked for. */
  readonly url: string;
  /** Readable sentences, one per problem. */
  readonly problems: string[];

  constructor(url: string, problems: string[], options?: { cause?: unknown }) {
    super(`config.json at ${url} is not usable:\n- ${problems.join('\n- ')}`, options);
    this.url = url;
    this.problems = problems;
  }
}

export function isConfigError(e: unknown): e is ConfigError {
  return e instanceof ConfigError;
}

type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;

/** The URL of config.json for a document: beside index.html, whatever the base path. */
export function configUrl(baseUrl: string): string {
  return new URL('config.json', baseUrl).toString();
}

/**
 * Fetches and validates config.json. `baseUrl` is the document's base (`document.baseURI`).
 * Never cached by the browser: a redeploy's new settings apply on the next load.
 */
export async function loadConfig(baseUrl: string, options: { fetch?: FetchLike; signal?: AbortSignal } = {}): Promise<RuntimeConfig> {
  const url = configUrl(baseUrl);
  const fetchImpl: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  let response: Response;
  try {
    response = await fetchImpl(url, { cache: 'no-cache', credentials: 'same-origin', signal: options.signal });
  } catch (e) {
    throw new ConfigError(url, [`Could not load it: ${e instanceof Error ? e.message : String(e)}.`], { cause: e });
  }
  if (!response.ok) {
    const hint = response.status === 404 ? ' Put a config.json beside index.html (see public/config.json).' : '';
    throw new ConfigError(url, [`The server answered ${response.status} ${response.statusText}`.trim() + `.${hint}`]);
  }
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    const html = /^\s*</.test(text);
    throw new ConfigError(
      url,
      [
        html
          ? 'The server answered with an HTML page instead of config.json: the file is missing and the server falls back to index.html, or the base path is wrong.'
          : `It is not valid JSON: ${e instanceof Error ? e.message : String(e)}.`,
      ],
      { cause: e },
    );
  }
  const result = parseConfig(json);
  if (!result.ok) throw new ConfigError(url, result.problems);
  return result.config;
}
