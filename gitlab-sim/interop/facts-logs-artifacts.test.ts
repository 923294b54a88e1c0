// FACTS.md, item by item, against the simulator (in-process): the job log, the seeded logs and artifacts.
// Written apart from the core's own tests, from FACTS.md and the common brief only, so the two
// readings check each other.
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createSim } from '../index.ts';
import { ARTIFACT_PATHS } from '../content/artifacts.ts';
import { advance, hasArchiveRow, jobs, pick, req, sim, type Json } from './facts-client.ts';

describe('FACTS.md: the job log', () => {
  it('is text/plain, whole on every call (Range ignored), and only grows while running', async () => {
    const s = sim();
    const running = await pick(s, 'running', (j) => j.name === 'rspec 1/3');
    const path = `/api/v4/projects/1/jobs/${String(running.id)}/trace`;
    const a = await req(s, 'GET', path);
    expect(a.status).toBe(200);
    expect(a.headers.get('Content-Type')).toMatch(/^text\/plain/);
    const ranged = await req(s, 'GET', path, { headers: { Range: 'bytes=10-20' } });
    expect(ranged.status).toBe(200);
    expect(ranged.text).toBe(a.text);
    await advance(s, 60_000);
    const b = await req(s, 'GET', path);
    expect(b.text.length).toBeGreaterThan(a.text.length);
    expect(b.text.startsWith(a.text)).toBe(true);
  });

  it('ends a finished job\'s log as GitLab does, and a canceled one with the cancel', async () => {
    const s = sim();
    const failed = await pick(s, 'failed', (j) => j.allow_failure === false);
    const log = (await req(s, 'GET', `/api/v4/projects/1/jobs/${String(failed.id)}/trace`)).text;
    expect(log).toContain('ERROR: Job failed: exit code 1');
    const running = await pick(s, 'running');
    await req(s, 'POST', `/api/v4/projects/1/jobs/${String(running.id)}/cancel`);
    await advance(s, 10 * 60_000);
    const job = (await req(s, 'GET', `/api/v4/projects/1/jobs/${String(running.id)}`)).body as Json;
    expect(job.status).toBe('canceled');
    const canceled = (await req(s, 'GET', `/api/v4/projects/1/jobs/${String(running.id)}/trace`)).text;
    expect(canceled).toContain('ERROR: Job failed: canceled');
  });
});

describe('the seeded logs (common brief: huge log, runner timestamps)', () => {
  it('gives the huge-log job a log of hugeLogBytes', async () => {
    const s = createSim({ paused: true, hugeLogBytes: 2_000_000 });
    const huge = await pick(s, 'success', (j) => j.name === 'huge-log');
    const r = await req(s, 'GET', `/api/v4/projects/1/jobs/${String(huge.id)}/trace`);
    expect(r.bytes.length).toBeGreaterThanOrEqual(2_000_000);
    expect(r.bytes.length).toBeLessThan(2_200_000);
    expect(r.text).toContain('Job succeeded');
  });

  it('has jobs whose every log line carries the runner\'s 32-byte timestamp prefix', async () => {
    const s = sim();
    const finished = await jobs(s, 1, '&scope[]=success&scope[]=failed');
    let stamped = 0;
    for (const j of finished.slice(0, 60)) {
      const log = (await req(s, 'GET', `/api/v4/projects/1/jobs/${String(j.id)}/trace`)).text;
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [0-9a-f]{2}[OE][ +]/.test(log)) continue;
      stamped++;
      for (const line of log.slice(0, -1).split('\n')) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z [0-9a-f]{2}[OE][ +]/);
    }
    expect(stamped).toBeGreaterThan(0);
  });
});

describe('FACTS.md: artifacts', () => {
  it('lists a job\'s artifact files in artifacts[]: the archive, its metadata.gz and the junit report', async () => {
    // GitLab's Job entity exposes every Ci::JobArtifact of the job (jobs-api-17's example:
    // archive, metadata.gz, job.log as `trace`, junit.xml.gz). The simulator leaves out the
    // `trace` row on purpose (its size would mean rendering every listed job's log).
    const s = sim();
    const job = await pick(s, 'success', hasArchiveRow);
    const artifacts = job.artifacts as Json[];
    expect(artifacts.map((a) => a.file_type)).toEqual(expect.arrayContaining(['archive', 'metadata']));
    const archive = artifacts.find((a) => a.file_type === 'archive');
    expect(archive).toMatchObject({ filename: 'artifacts.zip', file_format: 'zip', size: (job.artifacts_file as Json).size });
    expect(artifacts.find((a) => a.file_type === 'metadata')).toMatchObject({ filename: 'metadata.gz', file_format: 'gzip' });
  });

  it('serves a file whose name has spaces and non-Latin-1 characters', async () => {
    // Every default archive holds `docs/Release notes – Überblick ✓ 2024.md`. HTTP header
    // values are bytes, so GitLab (Rails' ContentDisposition) sends the name percent-encoded
    // in `filename*=UTF-8''…` with an ASCII fallback, never raw UTF-8.
    const s = sim();
    const job = await pick(s, 'success', hasArchiveRow);
    const base = `/api/v4/projects/1/jobs/${String(job.id)}/artifacts`;
    const files = unzipSync((await req(s, 'GET', base)).bytes);
    const path = ARTIFACT_PATHS.unicodeName;
    expect(files[path]).toBeDefined();
    const r = await req(s, 'GET', `${base}/${path.split('/').map(encodeURIComponent).join('/')}`);
    expect(r.status).toBe(200);
    expect(r.bytes).toEqual(files[path]);
    const disposition = r.headers.get('Content-Disposition');
    if (disposition !== null) {
      expect(disposition).toMatch(/^[\x20-\x7e]*$/);
      expect(disposition).toContain(`filename*=UTF-8''${encodeURIComponent('Release notes – Überblick ✓ 2024.md')}`);
    }
  });

  it('answers 400 for an artifact path with a NUL byte', async () => {
    const s = sim();
    const job = await pick(s, 'success', hasArchiveRow);
    const r = await req(s, 'GET', `/api/v4/projects/1/jobs/${String(job.id)}/artifacts/reports/junit.xml%00.txt`);
    expect(r.status).toBe(400);
  });

  it('serves the archive as a zip, single files, the tree, and by ref', async () => {
    const s = sim();
    const job = await pick(s, 'success', hasArchiveRow);
    const base = `/api/v4/projects/1/jobs/${String(job.id)}/artifacts`;
    const zip = await req(s, 'GET', base);
    expect(zip.status).toBe(200);
    const files = unzipSync(zip.bytes);
    const fileNames = Object.keys(files).filter((n) => !n.endsWith('/'));
    expect(fileNames.length).toBeGreaterThan(0);
    expect(zip.bytes.length).toBe((job.artifacts_file as Json).size);

    const tree = await req(s, 'GET', `${base}/tree?recursive=true&per_page=100`);
    expect(tree.status).toBe(200);
    const entries = tree.body as Json[];
    expect(entries.filter((e) => e.type === 'file').map((e) => e.path).sort()).toEqual(fileNames.sort());
    for (const e of entries) {
      expect(e.type === 'directory' ? String(e.path).endsWith('/') : !String(e.path).endsWith('/')).toBe(true);
      expect(String(e.mode)).toMatch(/^(100644|100755|040755)$/);
    }

    const name = fileNames.find((n) => n.includes('junit')) ?? fileNames[0] ?? '';
    const one = await req(s, 'GET', `${base}/${name.split('/').map(encodeURIComponent).join('/')}`);
    expect(one.status).toBe(200);
    expect(one.bytes).toEqual(files[name]);
    expect((await req(s, 'GET', `${base}/no/such/file.txt`)).status).toBe(404);

    const ref = String((job.pipeline as Json).ref);
    const byRef = await req(s, 'GET', `/api/v4/projects/1/jobs/artifacts/${encodeURIComponent(ref)}/download?job=${encodeURIComponent(String(job.name))}`);
    expect([200, 302]).toContain(byRef.status);
    if (byRef.status === 200) expect(Object.keys(unzipSync(byRef.bytes)).length).toBeGreaterThan(0);
  });
});

