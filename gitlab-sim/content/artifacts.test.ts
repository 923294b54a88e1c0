/* eslint-disable no-control-regex -- the build log artifact holds ANSI escapes */
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { gunzipSync, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { exampleJob } from '../test-support/examples.ts';
import { validateJob } from '../test-support/schemas.ts';
import {
  ARTIFACT_PATHS,
  artifactSummary,
  artifactsMetadataGz,
  buildArchive,
  crc32,
  jobArtifactsField,
  junitReportGz,
  makeJunitXml,
  makePng,
} from './artifacts.ts';

const dec = new TextDecoder();

interface CentralEntry { name: string; crc: number; size: number; compressed: number; method: number; unixMode: number; os: number }

/** Reads a zip's central directory the way a client without a listing endpoint would. */
function readCentralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let eocd = zip.length - 22;
  while (eocd >= 0 && view.getUint32(eocd, true) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('no end of central directory');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const out: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (view.getUint32(at, true) !== 0x02014b50) throw new Error(`bad central header at ${at}`);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    out.push({
      os: zip[at + 5] ?? -1,
      method: view.getUint16(at + 10, true),
      crc: view.getUint32(at + 16, true),
      compressed: view.getUint32(at + 20, true),
      size: view.getUint32(at + 24, true),
      unixMode: view.getUint32(at + 38, true) >>> 16,
      name: dec.decode(zip.subarray(at + 46, at + 46 + nameLen)),
    });
    at += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** A tiny XML well-formedness check: tags balance, attributes quoted, one root. */
function checkXml(xml: string): { tags: string[] } {
  const body = xml.replace(/^<\?xml[^>]*\?>\s*/, '');
  const stack: string[] = [];
  const tags: string[] = [];
  const re = /<(\/?)([A-Za-z_][\w.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<!\[CDATA\[[\s\S]*?\]\]>|([<>])/g;
  let roots = 0;
  for (const m of body.matchAll(re)) {
    if (m[5]) throw new Error(`stray ${m[5]} at ${m.index}`);
    if (!m[2]) continue;
    if (m[1]) {
      if (stack.pop() !== m[2]) throw new Error(`unbalanced </${m[2]}>`);
    } else {
      if (stack.length === 0) roots++;
      tags.push(m[2]);
      if (!m[4]) stack.push(m[2]);
    }
  }
  if (stack.length > 0 || roots !== 1) throw new Error('not one balanced root');
  return { tags };
}

describe('buildArchive (default content)', () => {
  const archive = buildArchive({ seed: 1, jobName: 'rspec 1/3' });

  it('is a zip that fflate opens, holding exactly the listed entries', () => {
    const files = unzipSync(archive.zip);
    const names = Object.keys(files).sort();
    expect(names).toEqual(archive.entries.map((e) => e.path).sort());
    for (const e of archive.entries) {
      const data = files[e.path];
      expect(data, e.path).toBeDefined();
      if (e.type === 'file') {
        expect(data?.length, e.path).toBe(e.size);
        expect(archive.file(e.path), e.path).toEqual(data);
      } else {
        expect(e.path.endsWith('/')).toBe(true);
        expect(archive.file(e.path)).toBeUndefined();
      }
    }
    expect(archive.file('nope.txt')).toBeUndefined();
  });

  it('is the same for the same spec and differs for another seed', () => {
    expect(buildArchive({ seed: 1, jobName: 'rspec 1/3' }).zip).toEqual(archive.zip);
    expect(buildArchive({ seed: 2, jobName: 'rspec 1/3' }).zip).not.toEqual(archive.zip);
  });

  it('lists entries like GitLab\'s tree: directories end in "/", modes in octal, nested 3+ levels', () => {
    const byPath = new Map(archive.entries.map((e) => [e.path, e]));
    for (const p of Object.values(ARTIFACT_PATHS)) expect(byPath.get(p)?.type, p).toBe('file');
    expect(byPath.get('reports/coverage/lib/api/ci/')).toMatchObject({ type: 'directory', mode: '040755' });
    expect(byPath.get(ARTIFACT_PATHS.binary)?.mode).toBe('100755');
    expect(byPath.get(ARTIFACT_PATHS.junit)?.mode).toBe('100644');
    expect(Math.max(...archive.entries.map((e) => e.path.replace(/\/$/, '').split('/').length))).toBeGreaterThanOrEqual(4);
    // Every file's parent directory is listed too, and before it.
    archive.entries.forEach((e, i) => {
      const parent = e.path.replace(/\/$/, '').replace(/[^/]*$/, '');
      if (parent) expect(archive.entries.findIndex((x) => x.path === parent), e.path).toBeLessThan(i);
    });
  });

  it('records Unix modes, CRCs and compression in the zip central directory', () => {
    const central = readCentralDirectory(archive.zip);
    expect(central.map((c) => c.name)).toEqual(archive.entries.map((e) => e.path));
    for (const c of central) {
      const entry = archive.entries.find((e) => e.path === c.name);
      expect(c.os).toBe(3);
      expect(c.unixMode.toString(8).padStart(6, '0'), c.name).toBe(entry?.mode);
      const data = archive.file(c.name);
      if (data) {
        expect(c.crc, c.name).toBe(crc32(data));
        expect(c.size).toBe(data.length);
      }
    }
    // Text is deflated, random bytes and images stored.
    expect(central.find((c) => c.name === ARTIFACT_PATHS.junit)?.method).toBe(8);
    expect(central.find((c) => c.name === ARTIFACT_PATHS.blob)?.method).toBe(0);
  });

  it('holds a real PNG', () => {
    const png = archive.file(ARTIFACT_PATHS.image);
    expect(png).toBeDefined();
    if (!png) return;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    expect(view.getUint32(8)).toBe(13);
    expect(dec.decode(png.subarray(12, 16))).toBe('IHDR');
    const width = view.getUint32(16);
    const height = view.getUint32(20);
    expect(width).toBeGreaterThanOrEqual(64);
    expect(height).toBeGreaterThanOrEqual(48);
    expect(png[24]).toBe(8);
    expect(png[25]).toBe(2);
    // Walk the chunks: each CRC is right; IDAT inflates to the right number of bytes.
    let at = 8;
    const types: string[] = [];
    const idat: Uint8Array[] = [];
    while (at < png.length) {
      const len = view.getUint32(at);
      const type = dec.decode(png.subarray(at + 4, at + 8));
      types.push(type);
      expect(view.getUint32(at + 8 + len), type).toBe(crc32(png.subarray(at + 4, at + 8 + len)));
      if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + len));
      at += 12 + len;
    }
    expect(types[0]).toBe('IHDR');
    expect(types.at(-1)).toBe('IEND');
    const pixels = inflateSync(Buffer.concat(idat));
    expect(pixels.length).toBe(height * (1 + width * 3));
    // It is a picture, not a flat colour.
    expect(new Set(Array.from({ length: 50 }, (_, i) => pixels[1 + i * 97])).size).toBeGreaterThan(1);
  });

  it('holds a JUnit report with suites, failures with messages, durations and a skipped case', () => {
    const xml = dec.decode(archive.file(ARTIFACT_PATHS.junit));
    const { tags } = checkXml(xml);
    expect(tags.filter((t) => t === 'testsuite').length).toBeGreaterThanOrEqual(3);
    const cases = tags.filter((t) => t === 'testcase').length;
    expect(xml).toContain(`<testsuites name="rspec 1/3" tests="${cases}"`);
    expect(xml).toMatch(/<failure message="expected: 201"[^>]*>expected: 201\n/);
    expect(xml).toMatch(/<skipped message="[^"]+"\/>/);
    expect(xml).toMatch(/time="\d+\.\d{3}"/);
    expect(xml).toContain('parses &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot; as text');
    expect(makeJunitXml(1, 'rspec 1/3')).toBe(xml);
  });

  it('holds text, HTML, a coloured build log, JSON and hostile files for sandbox tests', () => {
    const text = (p: string): string => dec.decode(archive.file(p));
    expect(text(ARTIFACT_PATHS.buildLog)).toMatch(/\x1b\[38;5;\d+m/);
    expect(text(ARTIFACT_PATHS.coverage)).toMatch(/^<!doctype html>/);
    expect(text(ARTIFACT_PATHS.evilHtml)).toMatch(/<script>[\s\S]*localStorage[\s\S]*document\.cookie[\s\S]*<\/script>/);
    expect(text(ARTIFACT_PATHS.evilSvg)).toMatch(/<svg[^>]*onload=[\s\S]*<script/);
    checkXml(text(ARTIFACT_PATHS.evilSvg));
    const summary: unknown = JSON.parse(text(ARTIFACT_PATHS.summary));
    expect(summary).toMatchObject({ job: 'rspec 1/3', tests: { skipped: 1 } });
    expect(text(ARTIFACT_PATHS.unicodeName)).toContain('Überblick');
    expect(archive.file(ARTIFACT_PATHS.binary)?.subarray(0, 4)).toEqual(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46));
    expect(archive.file('empty.txt')?.length).toBe(0);
  });
});

describe('side files and the job\'s artifacts field', () => {
  const archive = buildArchive({ seed: 3, jobName: 'jest' });

  it('makes metadata.gz in workhorse\'s layout and junit.xml.gz of the report', () => {
    const meta = gunzipSync(artifactsMetadataGz(archive));
    const view = new DataView(meta.buffer, meta.byteOffset, meta.byteLength);
    const headerLen = view.getUint32(0);
    expect(dec.decode(meta.subarray(4, 4 + headerLen))).toBe('GitLab Build Artifacts Metadata 0.0.2\n');
    expect(dec.decode(meta)).toContain(ARTIFACT_PATHS.unicodeName);
    const junit = junitReportGz(archive);
    expect(junit && dec.decode(gunzipSync(junit))).toBe(dec.decode(archive.file(ARTIFACT_PATHS.junit)));
    expect(artifactsMetadataGz(archive)).toEqual(artifactsMetadataGz(buildArchive({ seed: 3, jobName: 'jest' })));
  });

  it('gives sizes that make a schema-valid job', () => {
    const summary = artifactSummary(archive);
    expect(summary.archiveSize).toBe(archive.zip.length);
    const artifacts = jobArtifactsField(archive, 12_345);
    expect(artifacts.map((a) => a.file_type)).toEqual(['archive', 'metadata', 'trace', 'junit']);
    expect(artifacts[1]?.size).toBe(summary.metadataSize);
    expect(artifacts[3]?.size).toBe(summary.junitSize);
    const job = { ...exampleJob(), artifacts, artifacts_file: { filename: 'artifacts.zip', size: summary.archiveSize } };
    expect(validateJob(job)).toEqual([]);
    expect(jobArtifactsField(null, 0)).toEqual([]);
    expect(jobArtifactsField(null, 10)).toEqual([{ file_type: 'trace', size: 10, filename: 'job.log', file_format: 'raw' }]);
  });

  it('computes CRC-32 as zlib does', () => {
    const data = buildArchive({ seed: 4, jobName: 'x' }).file(ARTIFACT_PATHS.blob) ?? new Uint8Array();
    expect(data.length).toBeGreaterThan(1000);
    expect(crc32(data)).toBe(zlibCrc32(data));
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926); // the standard check value
  });

  it('makes PNGs of any small size', () => {
    const png = makePng(3, 2, 9);
    expect(png.length).toBeGreaterThan(50);
  });
});

describe('buildArchive (bulk benchmark archive)', () => {
  it('makes 10,000 files and at least 200 MB quickly', () => {
    const t0 = performance.now();
    const archive = buildArchive({ seed: 5, jobName: 'bench', fileCount: 10_000, totalBytes: 200_000_000 });
    const ms = performance.now() - t0;
    const files = archive.entries.filter((e) => e.type === 'file');
    expect(files).toHaveLength(10_000);
    const total = files.reduce((n, e) => n + e.size, 0);
    expect(total).toBe(200_000_000);
    expect(archive.zip.length).toBeGreaterThan(200_000_000);
    const central = readCentralDirectory(archive.zip);
    expect(central).toHaveLength(archive.entries.length);
    // Spot-check bulk files: the CRC in the archive matches the bytes file() gives.
    const bulk = central.filter((c) => c.name.startsWith('bulk/') && !c.name.endsWith('/'));
    expect(new Set(bulk.map((c) => c.size)).size).toBeGreaterThan(100);
    for (const c of [bulk[0], bulk[1234], bulk.at(-1)]) {
      if (!c) throw new Error('missing bulk file');
      const data = archive.file(c.name);
      expect(data?.length).toBe(c.size);
      expect(crc32(data ?? new Uint8Array())).toBe(c.crc);
      expect(c.method).toBe(0);
    }
    // About 1.5 s on the 2-core dev box.
    expect(ms).toBeLessThan(15_000);
  });
});
