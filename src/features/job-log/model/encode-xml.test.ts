import { createRequire } from 'node:module';
import Convert from 'ansi-to-html';
import * as resolvedEntities from 'entities';
import { describe, expect, it } from 'vitest';
import { encodeXML } from './encode-xml.ts';

// The package itself, loaded by Node (the alias applies only to what Vite resolves).
const entities = createRequire(import.meta.url)('entities') as { encodeXML(text: string): string };

/** A small deterministic generator (no Math.random: the same strings at every run). */
function* randomStrings(count: number): Generator<string> {
  let seed = 18;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
  const alphabet = ['a', 'Z', '0', ' ', '&', '<', '>', '"', "'", '\u001b', '\n', '\t', 'é', 'ü', '€', '→', '中', '\u{1F600}', '\u{10FFFF}', '\u00a0', '\u007f', '\u0080', '\uffff', '#', ';', '/'];
  for (let i = 0; i < count; i++) {
    const length = next() % 40;
    let s = '';
    for (let j = 0; j < length; j++) s += alphabet[next() % alphabet.length];
    yield s;
  }
}

describe('encodeXML (the alias of entities for ansi-to-html)', () => {
  it('escapes markup, ampersands and both quotes', () => {
    expect(encodeXML('<script>alert("x")</script>')).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(encodeXML(`a & b 'c' "d" &amp;`)).toBe('a &amp; b &apos;c&apos; &quot;d&quot; &amp;amp;');
    expect(encodeXML('<img src=x onerror="alert(1)">')).not.toMatch(/[<>"]/);
  });

  it('writes every character outside ASCII as a numeric reference, a pair as one code point', () => {
    expect(encodeXML('é€\u{1F600}')).toBe('&#xE9;&#x20AC;&#x1F600;');
    expect(encodeXML('plain ascii\t~')).toBe('plain ascii\t~');
  });

  it('gives the same output as entities 2.2 for well-formed text', () => {
    for (const s of randomStrings(2000)) expect(encodeXML(s)).toBe(entities.encodeXML(s));
  });

  it('turns a lone surrogate into a reference of its own (entities wrote the character before it instead)', () => {
    expect(encodeXML('a\ud800b')).toBe('a&#xD800;b');
    expect(encodeXML('a\udc00')).toBe('a&#xDC00;');
    expect(encodeXML('\ud83d\ude00\ude00')).toBe('&#x1F600;&#xDE00;');
  });

  it('is what ansi-to-html uses here, so its escapeXML output is escaped', () => {
    expect((resolvedEntities as { encodeXML: unknown }).encodeXML).toBe(encodeXML);
    const html = new Convert({ escapeXML: true }).toHtml('\u001b[31m<script>alert("&")</script>\u001b[0m');
    expect(html).toBe('<span style="color:#A00">&lt;script&gt;alert(&quot;&amp;&quot;)&lt;/script&gt;</span>');
  });
});
