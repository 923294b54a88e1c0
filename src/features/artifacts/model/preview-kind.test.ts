import { describe, expect, it } from 'vitest';
import { ARTIFACT_PATHS, buildArchive, makePng } from '../../../../gitlab-sim/content/artifacts.ts';
import { MAX_IMAGE_BYTES, MAX_JSON_FORMAT_BYTES, VIRTUALISE_BYTES, decidePreview, decodeText, formatJson, lineAt, lineStarts, looksLikeText, sniffImage } from './preview-kind.ts';
import type { PreviewKind } from './preview-kind.ts';

const enc = new TextEncoder();
const bytes = (s: string) => enc.encode(s);

describe('decidePreview on the simulator\'s archive files', () => {
  const archive = buildArchive({ seed: 1, jobName: 'compile' });
  it.each<[string, PreviewKind]>([
    ['README.md', 'text'],
    ['src/lib/deep/nested/notes.txt', 'text'],
    ['build/bin/run.sh', 'text'],
    ['reports/coverage/style.css', 'text'],
    [ARTIFACT_PATHS.unicodeName, 'text'],
    ['empty.txt', 'text'],
    [ARTIFACT_PATHS.buildLog, 'ansi-log'],
    [ARTIFACT_PATHS.image, 'image'],
    [ARTIFACT_PATHS.summary, 'json'],
    [ARTIFACT_PATHS.junit, 'junit'],
    [ARTIFACT_PATHS.coverage, 'html'],
    [ARTIFACT_PATHS.coverageDeep, 'html'],
    [ARTIFACT_PATHS.evilHtml, 'html'],
    [ARTIFACT_PATHS.evilSvg, 'svg'],
    [ARTIFACT_PATHS.binary, 'binary'],
    [ARTIFACT_PATHS.blob, 'binary'],
  ])('%s → %s', (path, kind) => {
    const data = archive.file(path);
    expect(data).toBeDefined();
    expect(decidePreview(path, (data ?? new Uint8Array()).subarray(0, 8192), data?.length ?? 0).kind).toBe(kind);
  });
});

describe('decidePreview rules', () => {
  it('trusts image bytes, not names', () => {
    const png = makePng(4, 4);
    expect(decidePreview('shot.png', png)).toMatchObject({ kind: 'image', imageType: 'image/png' });
    expect(decidePreview('renamed.dat', png)).toMatchObject({ kind: 'image', imageType: 'image/png' });
    expect(decidePreview('fake.png', bytes('<script>alert(1)</script>')).kind).toBe('text');
    expect(decidePreview('fake.png', Uint8Array.of(1, 2, 0, 3))).toMatchObject({ kind: 'binary', reason: 'named as an image, but its bytes are not one' });
    expect(decidePreview('big.png', png, MAX_IMAGE_BYTES + 1)).toMatchObject({ kind: 'binary', reason: 'too large to show as an image' });
  });

  it('never shows SVG as an image, even named .png', () => {
    expect(decidePreview('logo.svg', bytes('<svg xmlns="http://www.w3.org/2000/svg"/>')).kind).toBe('svg');
    expect(decidePreview('logo.png', bytes('<?xml version="1.0"?>\n<svg onload="x()"/>')).kind).toBe('svg');
  });

  it('recognises HTML without an extension and JUnit by its root', () => {
    expect(decidePreview('report', bytes('<!DOCTYPE html><p>x')).kind).toBe('html');
    expect(decidePreview('rspec.xml', bytes('<?xml version="1.0"?>\n<!-- x -->\n<testsuites/>')).kind).toBe('junit');
    expect(decidePreview('TEST-foo.xml', bytes('<testsuite name="a">')).kind).toBe('junit');
    expect(decidePreview('pom.xml', bytes('<project/>')).kind).toBe('text');
  });

  it('formats JSON only up to a size', () => {
    expect(decidePreview('a.json', bytes('{"a":1}')).kind).toBe('json');
    expect(decidePreview('a.json', bytes('{"a":1}'), MAX_JSON_FORMAT_BYTES + 1)).toMatchObject({ kind: 'text', reason: 'too large to format' });
    expect(decidePreview('data', bytes('[1, 2]')).kind).toBe('json');
  });

  it('virtualises large text and flags files past the preview cap', () => {
    expect(decidePreview('a.log', bytes('x\n'), 100)).toMatchObject({ virtualise: false, partial: false });
    expect(decidePreview('a.log', bytes('x\n'), VIRTUALISE_BYTES + 1)).toMatchObject({ kind: 'text', virtualise: true, partial: false });
    expect(decidePreview('a.log', bytes('x\n'), 50_000_000)).toMatchObject({ virtualise: true, partial: true });
    expect(decidePreview('job.log', bytes('\u001b[32mok\u001b[0m\n'), 50_000_000)).toMatchObject({ kind: 'ansi-log', partial: true });
  });
});

describe('sniffing', () => {
  it('knows the four image signatures', () => {
    expect(sniffImage(Uint8Array.of(0xff, 0xd8, 0xff, 0xe0))).toBe('image/jpeg');
    expect(sniffImage(bytes('GIF89a...'))).toBe('image/gif');
    expect(sniffImage(bytes('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(bytes('RIFF\0\0\0\0WAVE'))).toBeNull();
  });

  it('calls UTF-8 without NULs text, even cut mid-character', () => {
    expect(looksLikeText(bytes('plain ✓ 日本語\n'))).toBe(true);
    expect(looksLikeText(bytes('✓').subarray(0, 2))).toBe(true);
    expect(looksLikeText(Uint8Array.of(0x61, 0x00, 0x62))).toBe(false);
    expect(looksLikeText(Uint8Array.of(0xff, 0xfe, 0x41))).toBe(false);
    expect(looksLikeText(Uint8Array.of(0xc3, 0x28))).toBe(false);
    expect(looksLikeText(Uint8Array.of(1, 2, 3, 4, 5, 6))).toBe(false);
  });
});

describe('text helpers', () => {
  it('formats JSON and says where it broke', () => {
    expect(formatJson('{"a":[1,2]}')).toEqual({ ok: true, text: '{\n  "a": [\n    1,\n    2\n  ]\n}' });
    const bad = formatJson('{\n"a": x}');
    expect(bad.ok).toBe(false);
  });

  it('drops a character cut by a partial fetch and a BOM', () => {
    const b = bytes('\uFEFFab✓');
    expect(decodeText(b.subarray(0, b.length - 1), true)).toBe('ab');
    expect(decodeText(b, false)).toBe('ab✓');
  });

  it('indexes lines for a virtual list', () => {
    const text = 'one\r\ntwo\n\nfour\n';
    const starts = lineStarts(text);
    expect(Array.from(starts, (_, i) => lineAt(text, starts, i))).toEqual(['one', 'two', '', 'four']);
    const noEnd = 'a\nb';
    const s2 = lineStarts(noEnd);
    expect(Array.from(s2, (_, i) => lineAt(noEnd, s2, i))).toEqual(['a', 'b']);
    expect(lineAt('', lineStarts(''), 0)).toBe('');
  });
});
