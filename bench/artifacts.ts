/**
 * The artifact listing's figures (`npx tsx bench/run.ts artifacts`): a 10,000-file archive of
 * at least 200 MB from the simulator's content module, served over real HTTP on 127.0.0.1 by
 * a pre-18.8 simulated GitLab (no tree endpoint), listed through the zip's central directory
 * with Range requests. No simulated job has such an archive, so archive requests are answered
 * by the simulator's own `archiveResponse` (the same Range code its jobs use) over these bytes;
 * every other request (/version) goes to the simulator.
 */
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { buildArchive } from '../gitlab-sim/content/artifacts.ts';
import { createSim } from '../gitlab-sim/index.ts';
import type { Sim } from '../gitlab-sim/index.ts';
import { archiveResponse } from '../gitlab-sim/routes/artifacts.ts';
import { median, withSimServer } from './browser.ts';
import { listArtifacts } from '../src/features/artifacts/model/list-archive.ts';
import { fetchVersion, gitlabFeatures } from '../src/gitlab/index.ts';
import type { Connection } from '../src/gitlab/index.ts';

const FILES = 10_000;
const TOTAL_BYTES = 200 * 1024 * 1024;
const PROJECT = 1;
const JOB_ID = 424_242;
const RUNS = 5;

const round = (v: number, digits = 2) => Number(v.toFixed(digits));

export async function run(): Promise<Record<string, unknown>> {
  const t0 = performance.now();
  const archive = buildArchive({ seed: 1, jobName: 'bench-bulk', fileCount: FILES, totalBytes: TOTAL_BYTES });
  const buildMs = performance.now() - t0;
  const archiveBytes = archive.zip.length;
  const files = archive.entries.filter((e) => e.type === 'file').length;

  const sim = createSim({ apiVersion: '17', paused: true });
  const archivePath = `/api/v4/projects/${PROJECT}/jobs/${JOB_ID}/artifacts`;
  const host: Sim = {
    fetch: (request) => {
      const url = new URL(request.url);
      if (request.method === 'GET' && url.pathname === archivePath) {
        if (request.headers.get('private-token') !== 'glpat-sim-api') return Promise.resolve(new Response('{"message":"401 Unauthorized"}', { status: 401 }));
        return Promise.resolve(archiveResponse(request, archive));
      }
      return sim.fetch(request);
    },
    reset: () => sim.reset(),
  };
  return withSimServer(host, async (simUrl) => {
    const conn: Connection = { host: simUrl, token: 'glpat-sim-api', fetch: (input, init) => globalThis.fetch(input, init) };
    const version = await fetchVersion(conn);
    const features = gitlabFeatures(version);
    if (features.artifactTree !== false) throw new Error(`expected a host without the tree endpoint, got ${version.version}`);

    const times: number[] = [];
    const fetchTimes: number[] = [];
    let last: Awaited<ReturnType<typeof listArtifacts>> | null = null;
    for (let i = 0; i < RUNS; i++) {
      const t = performance.now();
      let firstParse: number | null = null;
      last = await listArtifacts(conn, PROJECT, JOB_ID, {
        features,
        // zip.js starts reporting entries once the whole central directory is in: what came before is the network's share.
        onProgress: (p) => {
          if (p.phase === 'parse' && firstParse === null) firstParse = performance.now();
        },
      });
      const end = performance.now();
      times.push(end - t);
      fetchTimes.push((firstParse ?? end) - t);
    }
    if (!last) throw new Error('no run');
    const listedFiles = last.entries.filter((e) => e.type === 'file').length;
    if (last.source !== 'zip-range' || listedFiles !== files) throw new Error(`listed ${listedFiles} files via ${last.source}`);

    return {
      bench: 'artifacts',
      bytes_fetched_vs_archive: round(last.bytesFetched / archiveBytes, 5),
      list_ms: round(median(times), 1),
      archive_bytes: archiveBytes,
      files,
      bytes_fetched: last.bytesFetched,
      requests: last.requests,
      entries_listed: last.entries.length,
      list_ms_first: round(times[0] ?? 0, 1),
      list_ms_runs: times.map((t) => round(t, 1)),
      fetch_ms: round(median(fetchTimes), 1),
      load_average_1m: round(os.loadavg()[0] ?? 0, 2),
      cpus: os.cpus().length,
      host_version: version.version,
      source: last.source,
      transport: 'http over 127.0.0.1 (serveSim), Node fetch',
      archive_build_ms: round(buildMs, 0),
    };
  });
}
