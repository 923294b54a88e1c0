import { isGitLabError } from '../gitlab/index.ts';

const CONNECTION_KINDS = new Set(['unauthorized', 'token-expired', 'network', 'cors', 'not-gitlab']);

/** Errors that Settings can fix (address, token), so the page should offer a way there. */
export function isConnectionProblem(error: unknown): boolean {
  return isGitLabError(error) && CONNECTION_KINDS.has(error.kind);
}
