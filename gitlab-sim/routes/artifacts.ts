// Job artifacts (api-docs/jobs-api-12-with-artifacts.txt, FACTS.md "Artifacts"): the archive
// with byte ranges, by ref, single files, keep, delete and the 18.8+ tree listing.
import type { Hono } from 'hono';
import { badRequest, invalidParam, notFound, routeNotFound } from '../http/errors.ts';
import { offsetPage } from '../http/pagination.ts';
import type { SimState } from '../state.ts';
import type { Archive, ArchiveEntry } from '../content/artifacts.ts';
import { deleteArtifacts, hasArchive, keepArtifacts } from '../world/job-actions.ts';
import { pipelineJobs } from '../world/lookup.ts';
import { jobEntity } from '../world/entities.ts';
import type { Job, Project } from '../world/model.ts';
import { begin, boolParam, checkMayAct, findBuild, findJob, findProject, hostHas, json, parseId, route, type Call } from './common.ts';

const MIME: Record<string, string> = {
  txt: 'text/plain',
  log: 'text/plain',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  htm: 'text/html',
  svg: 'image/svg+xml',
  png: 'image/png',
  jpg: 'image/jpeg',
  gif: 'image/gif',
  css: 'text/css',
  js: 'application/javascript',
  md: 'text/markdown',
  csv: 'text/csv',
  pdf: 'application/pdf',
  gz: 'application/gzip',
  zip: 'application/zip',
};

function mimeOf(path: string): string {
  const ext = path.split('.').pop()?.toLowerCase() ?? '';
  return MIME[ext] ?? 'application/octet-stream';
}

/** The archive, whole or as the one byte range asked for (206 / 416). */
export function archiveResponse(request: Request, archive: Archive): Response {
  const zip = archive.zip;
  const total = zip.length;
  const headers: Record<string, string> = {
    'Content-Type': 'application/zip',
    'Content-Disposition': `attachment; filename="artifacts.zip"; filename*=UTF-8''artifacts.zip`,
    'Accept-Ranges': 'bytes',
  };
  const range = request.headers.get('Range');
  const m = range?.match(/^bytes=(\d*)-(\d*)$/);
  if (range && m) {
    let start: number;
    let end: number;
    if (m[1] === '' && m[2] === '') return rangeNotSatisfiable(total);
    if (m[1] === '') {
      const n = Number(m[2]);
      if (n === 0) return rangeNotSatisfiable(total);
      start = Math.max(0, total - n);
      end = total - 1;
    } else {
      start = Number(m[1]);
      end = m[2] === '' ? total - 1 : Math.min(Number(m[2]), total - 1);
    }
    if (start >= total || start > end) return rangeNotSatisfiable(total);
    return new Response(zip.slice(start, end + 1), {
      status: 206,
      headers: { ...headers, 'Content-Range': `bytes ${start}-${end}/${total}`, 'Content-Length': String(end - start + 1) },
    });
  }
  return new Response(zip.slice(), { status: 200, headers: { ...headers, 'Content-Length': String(total) } });
}

/** Where archives live in the simulated object storage (served outside /api, with no CORS). */
export const STORAGE_PREFIX = '/-/storage/';

/**
 * Another origin on the same server, as object storage is to GitLab: 127.0.0.1 and localhost
 * swap (both reach the server, but a browser treats them as different origins).
 */
function storageOrigin(url: URL): string {
  const host = url.hostname === '127.0.0.1' ? 'localhost' : url.hostname === 'localhost' ? '127.0.0.1' : `storage.${url.hostname}`;
  return `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`;
}

/** GitLab with object storage: the archive answers 302 to a signed storage URL. */
function redirectToStorage(call: Call, job: Job, to: string | null): Response {
  const location = `${to ?? storageOrigin(call.url)}${STORAGE_PREFIX}jobs/${job.id}/artifacts.zip?X-Amz-Expires=600&X-Amz-Signature=sim${job.id}`;
  return new Response(null, { status: 302, headers: { Location: location, 'Cache-Control': 'no-cache' } });
}

/**
 * The simulated object storage: a signed URL gets the archive (Range honoured) and nothing else;
 * no CORS headers at all, so a browser page on another origin may not read it (and a preflight fails).
 */
export function storageResponse(state: SimState, request: Request): Response {
  const url = new URL(request.url);
  const m = url.pathname.slice(STORAGE_PREFIX.length).match(/^jobs\/(\d+)\/artifacts\.zip$/);
  if (request.method === 'OPTIONS') return new Response('<Error><Code>AccessForbidden</Code><Message>CORSResponse: CORS is not enabled for this bucket.</Message></Error>', { status: 403, headers: { 'Content-Type': 'application/xml' } });
  const job = m ? state.world.jobs.get(Number(m[1])) : undefined;
  const archive = job && url.searchParams.get('X-Amz-Signature') === `sim${job.id}` ? state.content.archive(job, state.clock.now()) : undefined;
  if (!archive || (request.method !== 'GET' && request.method !== 'HEAD')) {
    return new Response('<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>', { status: 403, headers: { 'Content-Type': 'application/xml' } });
  }
  return archiveResponse(request, archive);
}

function rangeNotSatisfiable(total: number): Response {
  return new Response('', { status: 416, headers: { 'Content-Range': `bytes */${total}`, 'Accept-Ranges': 'bytes' } });
}

/** Gitlab::Ci::Build::Artifacts::Path: no NUL bytes, no `..` traversal. */
function checkPath(path: string): string {
  if (path.includes('\0') || path.split('/').some((s) => s === '..')) throw badRequest();
  return path.replace(/^\/+/, '');
}

/**
 * Rails' ActionDispatch::Http::ContentDisposition: an ASCII fallback (transliterated, then
 * percent-escaped) and the exact name in `filename*=UTF-8''…`; header values stay ASCII.
 */
export function contentDisposition(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\x20-\x7e]/g, '?')
    .replace(/[^ A-Za-z0-9!#$+.^_`|~-]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${exact}`;
}

function fileResponse(archive: Archive, path: string): Response {
  const data = archive.file(path);
  const entry = archive.entries.find((e) => e.path === path);
  if (!data || (entry && entry.type !== 'file')) throw notFound();
  const name = path.split('/').pop() ?? 'file';
  return new Response(data.slice(), {
    status: 200,
    headers: {
      'Content-Type': mimeOf(path),
      'Content-Disposition': contentDisposition(name),
      'Content-Length': String(data.length),
    },
  });
}

function latestSuccessfulBuild(call: Call, project: Project, ref: string, name: string): Job {
  const world = call.state.world;
  const ids = world.projectPipelines.get(project.id) ?? [];
  for (let i = ids.length - 1; i >= 0; i--) {
    const p = world.pipelines.get(ids[i] ?? -1);
    // Child pipelines share the ref but are not what "latest pipeline for a ref" means.
    if (!p || p.ref !== ref || p.status !== 'success' || p.source === 'parent_pipeline') continue;
    const job = pipelineJobs(world, p).find((j) => !j.retried && j.kind === 'build' && j.name === name && j.status === 'success');
    if (job) return job;
    break;
  }
  throw notFound();
}

function archiveOf(call: Call, job: Job): Archive {
  const archive = call.state.content.archive(job, call.view.now);
  if (!archive) throw notFound();
  return archive;
}

function decodeSegments(raw: string): string {
  try {
    return raw
      .split('/')
      .map((s) => decodeURIComponent(s))
      .join('/');
  } catch {
    throw badRequest();
  }
}

/** Directories implied by the files, plus the archive's own directory entries. */
function allEntries(archive: Archive): ArchiveEntry[] {
  const byPath = new Map<string, ArchiveEntry>();
  for (const e of archive.entries) {
    const path = e.type === 'directory' && !e.path.endsWith('/') ? `${e.path}/` : e.path;
    byPath.set(path, { ...e, path });
    const parts = path.split('/').filter(Boolean);
    for (let i = 1; i < parts.length; i++) {
      const dir = `${parts.slice(0, i).join('/')}/`;
      if (!byPath.has(dir)) byPath.set(dir, { path: dir, type: 'directory', size: 0, mode: '040755' });
    }
  }
  return [...byPath.values()];
}

function treeResponse(call: Call, archive: Archive): Response {
  const raw = (call.url.searchParams.get('path') ?? '').replace(/^\/+/, '');
  const dir = raw === '' ? '' : raw.endsWith('/') ? raw : `${raw}/`;
  if (dir.includes('\0') || dir.split('/').some((s) => s === '..')) throw invalidParam('path is invalid');
  const recursive = boolParam(call.url, 'recursive', false);
  const entries = allEntries(archive);
  if (dir !== '' && !entries.some((e) => e.path === dir)) throw notFound();
  const inside = entries.filter((e) => {
    if (!e.path.startsWith(dir) || e.path === dir) return false;
    if (recursive) return true;
    const rest = e.path.slice(dir.length).replace(/\/$/, '');
    return !rest.includes('/');
  });
  inside.sort((a, b) => (a.type === b.type ? a.path.localeCompare(b.path) : a.type === 'directory' ? -1 : 1));
  const page = offsetPage(call.url, inside, { count: true });
  return json(
    page.items.map((e) => {
      const name = e.path.replace(/\/$/, '').split('/').pop() ?? e.path;
      return e.type === 'file'
        ? { name, path: e.path, type: 'file', size: e.size, mode: e.mode }
        : { name, path: e.path, type: 'directory', mode: e.mode };
    }),
    200,
    page.headers,
  );
}

export function registerArtifactRoutes(api: Hono, state: SimState): void {
  // By ref: …/jobs/artifacts/:ref_name/download?job= and …/jobs/artifacts/:ref_name/raw/*path?job=
  route(api, state, 'GET /projects/:id/jobs/artifacts/*', (c) => {
    const call = begin(state, c, { jobTokenAllowed: true });
    const rest = call.url.pathname.replace(/^.*?\/jobs\/artifacts\//, '');
    const name = call.url.searchParams.get('job');
    const download = rest.match(/^(.+)\/download$/);
    const raw = rest.match(/^(.+?)\/raw\/(.+)$/);
    // Raw files by ref came with 11.5: before, only `download` is a route.
    if (!download && !(raw && hostHas(state, 'rawByRef'))) throw routeNotFound();
    if (name === null || name === '') throw invalidParam('job is missing');
    const project = findProject(call, c.req.param('id'));
    if (download) {
      const job = latestSuccessfulBuild(call, project, decodeSegments(download[1] ?? ''), name);
      const archive = archiveOf(call, job);
      if (state.faults.artifactsRedirect) return redirectToStorage(call, job, state.faults.artifactsRedirectTo);
      return archiveResponse(c.req.raw, archive);
    }
    const ref = decodeSegments(raw?.[1] ?? '');
    const path = checkPath(decodeSegments(raw?.[2] ?? ''));
    const job = latestSuccessfulBuild(call, project, ref, name);
    return fileResponse(archiveOf(call, job), path);
  });

  route(api, state, 'GET /projects/:id/jobs/:job_id/artifacts', (c) => {
    const call = begin(state, c, { jobTokenAllowed: true });
    const { job } = findJob(call, c, findBuild);
    const archive = archiveOf(call, job);
    if (state.faults.artifactsRedirect) return redirectToStorage(call, job, state.faults.artifactsRedirectTo);
    return archiveResponse(c.req.raw, archive);
  });

  route(api, state, 'GET /projects/:id/jobs/:job_id/artifacts/tree', (c) => {
    const call = begin(state, c, { jobTokenAllowed: true });
    const { job } = findJob(call, c, findBuild);
    return treeResponse(call, archiveOf(call, job));
  });

  route(api, state, 'GET /projects/:id/jobs/:job_id/artifacts/*', (c) => {
    const call = begin(state, c, { jobTokenAllowed: true });
    // Not findJob: here the path is checked (400) between the id and the lookups (404).
    const jobId = parseId(c.req.param('job_id'), 'job_id');
    const rest = call.url.pathname.replace(/^.*?\/jobs\/[^/]+\/artifacts\//, '');
    const path = checkPath(decodeSegments(rest));
    const project = findProject(call, c.req.param('id'));
    const job = findBuild(call, project, jobId);
    return fileResponse(archiveOf(call, job), path);
  });

  route(api, state, 'POST /projects/:id/jobs/:job_id/artifacts/keep', (c) => {
    const call = begin(state, c);
    const { project, job } = findJob(call, c, findBuild);
    checkMayAct(call, project, job);
    if (!hasArchive(job, call.view.now)) throw notFound();
    keepArtifacts(job);
    return json(jobEntity(call.view, job), 200);
  });

  route(api, state, 'DELETE /projects/:id/jobs/:job_id/artifacts', (c) => {
    const call = begin(state, c);
    const { project, job } = findJob(call, c, findBuild);
    checkMayAct(call, project, job);
    if (!hasArchive(job, call.view.now)) throw notFound();
    deleteArtifacts(job);
    return new Response(null, { status: 204 });
  });
}

