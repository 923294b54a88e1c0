import { describe, expect, it } from 'vitest';
import { seededRandom } from './test-helpers.ts';
import { Utf8Text } from './utf8-text.ts';

/** Text with ASCII runs, 2-, 3- and 4-byte characters (surrogate pairs), long enough for many marks. */
function mixedText(length: number, seed: number): string {
  const rand = seededRandom(seed);
  const alphabet = ['a', 'b', ' ', '\n', '\x1b[31m', 'é', 'ü', '✓', '日本', '😀', '𝄞', 'line of plain text '];
  let s = '';
  while (s.length < length) s += alphabet[Math.floor(rand() * alphabet.length)] ?? '';
  return s;
}

describe('Utf8Text', () => {
  it('keeps the UTF-8 bytes and gives back any slice in UTF-16 offsets', () => {
    const text = mixedText(30_000, 1);
    const store = new Utf8Text();
    store.append(text);
    // A big append starts a chunk of its own: the first one can no longer grow and is compacted.
    const tail = 'x'.repeat(300_000);
    store.append(tail);
    expect(store.compact()).toBe(false);
    expect(store.length).toBe(text.length + tail.length);
    expect(store.byteLength).toBe(new TextEncoder().encode(text).length + tail.length);
    const rand = seededRandom(2);
    for (let k = 0; k < 500; k++) {
      let a = Math.floor(rand() * text.length);
      let b = Math.min(text.length, a + Math.floor(rand() * 9000));
      // Offsets the index gives are never inside a surrogate pair.
      if (a > 0 && text.charCodeAt(a) >= 0xdc00 && text.charCodeAt(a) <= 0xdfff) a++;
      if (b < text.length && text.charCodeAt(b) >= 0xdc00 && text.charCodeAt(b) <= 0xdfff) b++;
      expect(store.slice(a, b)).toBe(text.slice(a, b));
    }
    expect(store.text()).toBe(text + tail);
  });

  it('bytes cut anywhere, even inside a character, read back as the text; small appends join one chunk', () => {
    const text = mixedText(20_000, 3);
    const bytes = new TextEncoder().encode(text);
    const rand = seededRandom(4);
    const store = new Utf8Text();
    const decoded: string[] = [];
    for (let p = 0; p < bytes.length; ) {
      const n = 1 + Math.floor(rand() * 700);
      decoded.push(store.appendBytes(bytes.subarray(p, p + n)));
      p += n;
    }
    expect(decoded.join('')).toBe(text);
    expect(store.text()).toBe(text);
    expect(store.chunkCount).toBe(1);
    // The last chunk is small and may still grow: it stays a string.
    expect(store.compact()).toBe(false);
    expect(store.byteLength).toBe(text.length * 2);
    expect(store.slice(5_000, 15_000)).toBe(text.slice(5_000, 15_000));
    const chunks = store.textChunks();
    expect(chunks.map((c) => c.decode()).join('')).toBe(text);
  });

  it('big appends stay separate chunks; a slice across them joins them', () => {
    const a = mixedText(300_000, 5);
    const b = 'x'.repeat(300_000);
    const store = new Utf8Text();
    store.append(a);
    store.appendBytes(new TextEncoder().encode(b));
    expect(store.chunkCount).toBe(2);
    expect(store.compactable).toBe(2);
    expect(store.compact(1)).toBe(true);
    expect(store.compact()).toBe(false);
    expect(store.byteLength).toBe(new TextEncoder().encode(a + b).length);
    expect(store.textChunks().map((c) => c.start)).toEqual([0, a.length]);
    expect(store.textChunks().map((c) => c.decode()).join('')).toBe(a + b);
    expect(store.slice(a.length - 10, a.length + 10)).toBe((a + b).slice(a.length - 10, a.length + 10));
  });

  it('stores malformed bytes as U+FFFD, consistently with what it returned', () => {
    const store = new Utf8Text();
    const got = store.appendBytes(new Uint8Array([0x61, 0xe2, 0x82, 0x62, 0xff, 0x0a]));
    expect(got).toBe('a\ufffdb\ufffd\n');
    expect(store.slice(0, got.length)).toBe(got);
    store.clear();
    expect(store.length).toBe(0);
    expect(store.slice(0, 10)).toBe('');
  });
});
