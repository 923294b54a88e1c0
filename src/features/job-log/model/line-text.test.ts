import { describe, expect, it } from 'vitest';
import { createLogIndex, type LogIndex } from './log-index.ts';
import { DISPLAY_LIMITS, lineContent, lineHtml, lineSpans, lineText, linkify, rawLineText, renderRawLine, spansToHtml } from './line-text.ts';
import { getLines } from './log-protocol.ts';
import { BOLD, DEFAULT_STYLE, STRIKE, CONCEAL } from './sgr.ts';

const E = '\x1b';

function index(log: string): LogIndex {
  const ix = createLogIndex();
  ix.append(log);
  return ix;
}

describe('lineSpans', () => {
  it('splits a line into styled spans and merges equal neighbours', () => {
    const ix = index(`a${E}[31mb${E}[1mc${E}[0md${E}[0me\n`);
    expect(lineSpans(ix, 0).map((s) => [s.text, s.style.fg, s.style.flags])).toEqual([
      ['a', 0, 0],
      ['b', 2, 0],
      ['c', 2, BOLD],
      ['de', 0, 0],
    ]);
  });

  it('starts each line in the style carried from the lines before', () => {
    const ix = index(`${E}[32mgreen\nstill ${E}[9mstruck\n`);
    const spans = lineSpans(ix, 1);
    expect(spans[0]).toMatchObject({ text: 'still ', style: { fg: 3, flags: 0 } });
    expect(spans[1]).toMatchObject({ text: 'struck', style: { fg: 3, flags: STRIKE } });
  });

  it('applies \\r overwrites inside a styled line', () => {
    const ix = index(`${E}[33m10%\r${E}[32m100%${E}[0m\n`);
    expect(lineContent(ix, 0)).toMatchObject({ text: '100%', spans: [{ text: '100%', style: { fg: 3 } }] });
  });

  it('gives empty lines no spans', () => {
    expect(lineSpans(index('\n'), 0)).toEqual([]);
  });

  it('renders a raw range directly', () => {
    expect(renderRawLine(`x${E}[1my`, DEFAULT_STYLE, false, false).text).toBe('xy');
  });
});

describe('lineHtml (ansi-to-html, escapeXML)', () => {
  it.each([
    ['script tag', '<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['img onerror', '<img src=x onerror="alert(1)">', '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'],
    ['entities stay literal', '&lt; &amp; &#39;', '&amp;lt; &amp;amp; &amp;#39;'],
    ['quotes', `"double" 'single'`, '&quot;double&quot; &apos;single&apos;'],
    ['closing a span', '</span><b>x</b>', '&lt;/span&gt;&lt;b&gt;x&lt;/b&gt;'],
    ['javascript: URL is not a link', 'javascript:alert(document.cookie)', 'javascript:alert(document.cookie)'],
    ['data: URL is not a link', 'data:text/html,<script>x</script>', 'data:text/html,&lt;script&gt;x&lt;/script&gt;'],
  ])('HTML injection (%s) comes out as text', (_name, line, html) => {
    expect(lineHtml(index(`${line}\n`), 0)).toBe(html);
  });

  it('keeps injection inside coloured spans escaped', () => {
    const html = lineHtml(index(`${E}[31m<b onmouseover=alert(1)>${E}[0m\n`), 0);
    expect(html).toBe('<span style="color:#A00">&lt;b onmouseover=alert(1)&gt;</span>');
  });

  it('seeds each line with its starting style', () => {
    const ix = index(`${E}[1;38;5;196mhot\nstill hot\n`);
    expect(lineHtml(ix, 1)).toBe('<b><span style="color:#ff0000">still hot</span></b>');
  });

  it('renders truecolor, hidden and strike', () => {
    const ix = index(`${E}[38;2;1;2;3mrgb${E}[0m ${E}[8mhidden${E}[28m ${E}[9mstrike\n`);
    expect(lineHtml(ix, 0)).toBe(
      '<span style="color:#010203">rgb</span> <span style="display:none">hidden</span> <strike>strike</strike>',
    );
    expect(lineSpans(ix, 0)[2]?.style.flags).toBe(CONCEAL);
  });

  it('renders 21-29 resets from the model, not from ansi-to-html', () => {
    const ix = index(`${E}[1;4mx${E}[21;24my\n`);
    expect(lineHtml(ix, 0)).toBe('<b><u>x</u></b>y');
  });

  it('spansToHtml can skip links', () => {
    expect(spansToHtml([{ text: 'https://a.test', style: DEFAULT_STYLE }], { links: false })).toBe('https://a.test');
  });
});

describe('linkify', () => {
  const A = (url: string) => `<a href="${url}" rel="nofollow noopener noreferrer" target="_blank">${url}</a>`;
  it.each([
    ['plain URL', 'see https://gitlab.com/a/b', `see ${A('https://gitlab.com/a/b')}`],
    ['http', 'http://x.test/p', A('http://x.test/p')],
    ['trailing period', 'go to https://x.test/p.', `go to ${A('https://x.test/p')}.`],
    ['trailing punctuation run', 'https://x.test/p?!:', `${A('https://x.test/p')}?!:`],
    ['ampersand entity kept in URL', 'https://x.test/?a=1&amp;b=2', A('https://x.test/?a=1&amp;b=2')],
    ['stops at escaped <', 'https://x.test/a&lt;script&gt;', `${A('https://x.test/a')}&lt;script&gt;`],
    ['stops at escaped quote', 'https://x.test/a&quot;onmouseover=&quot;x', `${A('https://x.test/a')}&quot;onmouseover=&quot;x`],
    ['stops at escaped apostrophe', "https://x.test/a&apos;b", `${A('https://x.test/a')}&apos;b`],
    ['stops at parentheses', '(https://x.test/a)', `(${A('https://x.test/a')})`],
    ['not after [ or ]', '[https://x.test/a]', `[${A('https://x.test/a')}]`],
    ['non-ASCII entity inside a path', 'https://x.test/&#xE9;t&#xE9;', A('https://x.test/&#xE9;t&#xE9;')],
    ['two URLs', 'https://a.test https://b.test', `${A('https://a.test')} ${A('https://b.test')}`],
    ['scheme only is not a link', 'https:// nothing', 'https:// nothing'],
    ['javascript: never', 'javascript:alert(1)//https', 'javascript:alert(1)//https'],
    ['URL inside a tag is left alone', '<span style="color:#A00">https://a.test</span>', `<span style="color:#A00">${A('https://a.test')}</span>`],
    ['existing anchors untouched', '<a href="https://a.test">https://a.test</a>', '<a href="https://a.test">https://a.test</a>'],
  ])('%s', (_name, input, output) => {
    expect(linkify(input)).toBe(output);
  });

  it('makes links in a rendered log line, escaping intact', () => {
    const ix = index(`Job log: ${E}[32mhttps://gitlab.example.com/acme/-/jobs/1?x=<y>${E}[0m\n`);
    expect(lineHtml(ix, 0)).toBe(
      `Job log: <span style="color:#0A0">${A('https://gitlab.example.com/acme/-/jobs/1?x=')}&lt;y&gt;</span>`,
    );
    expect(lineText(ix, 0)).toBe('Job log: https://gitlab.example.com/acme/-/jobs/1?x=<y>');
  });
});

describe('rawLineText agrees with renderRawLine', () => {
  it.each([
    ['styles', `a${E}[31mb${E}[0mc`],
    ['overwrite', `10%\r${E}[1m100%`],
    ['marker', `${E}[0Ksection_start:1:x[collapsed=true]\r${E}[0KHead`],
    ['osc', `${E}]0;t\x07x`],
    ['continuation', '2024-05-22T12:43:46.962646Z 01O a\n2024-05-22T12:43:46.962646Z 01O+b'],
  ])('%s', (_name, raw) => {
    const stamped = raw.startsWith('2024');
    expect(rawLineText(raw, stamped, stamped)).toBe(renderRawLine(raw, DEFAULT_STYLE, stamped, stamped).text);
  });
});

describe('a log of HTML injection attempts', () => {
  const ATTEMPTS = [
    '<script>alert(document.domain)</script>',
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    'javascript:alert(1) and JaVaScRiPt:alert(1)',
    `${E}[31m<iframe src="https://evil.test/"></iframe>${E}[0m`,
    'https://x.test/"onmouseover="alert(1)',
    "https://x.test/'onmouseover='alert(1)",
    'https://x.test/<script>alert(1)</script>',
    'https://x.test/&quot;&gt;&lt;script&gt;',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '</span></b><script>x</script>',
    `${E}]8;;javascript:alert(1)${E}\\click me${E}]8;;${E}\\`,
    '<style>body{display:none}</style>',
    '\u2028<b>\u2029</b>',
  ];
  const log = ATTEMPTS.join('\n') + '\n';

  function decode(html: string): string {
    return html
      .replace(/&#x([0-9a-f]+);/gi, (_m, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&apos;/g, "'")
      .replace(/&amp;/g, '&');
  }

  it('comes out as text: only our own tags, and the text decodes back to the log', () => {
    const ix = index(log);
    expect(ix.lineCount).toBe(ATTEMPTS.length);
    for (let i = 0; i < ix.lineCount; i++) {
      const html = lineHtml(ix, i);
      const tags = html.match(/<[^>]*>/g) ?? [];
      for (const tag of tags) {
        expect(tag).toMatch(/^<\/?(span|b|i|u|strike)( style="[a-zA-Z:#0-9;-]+")?>$|^<a href="https?:\/\/[^"<>]*" rel="nofollow noopener noreferrer" target="_blank">$|^<\/a>$/);
      }
      expect(decode(html.replace(/<[^>]*>/g, ''))).toBe(lineText(ix, i));
    }
  });

  it('never makes a javascript: link', () => {
    const ix = index(log);
    for (let i = 0; i < ix.lineCount; i++) expect(lineHtml(ix, i)).not.toMatch(/href="(?!https?:\/\/)/i);
  });
});

describe('the display ceiling of one line (a hostile line cannot take the browser down)', () => {
  // Issue 12: 2 MB of `ESC[31;40;1;4m<n>ESC[0m` made one row of 400,000 DOM nodes.
  const hostile = Array.from({ length: 100_000 }, (_, n) => `${E}[31;40;1;4m${n}${E}[0m`).join('');
  const ix = index(`before\n${hostile}\nafter <b>\n`);

  it('keeps at most maxSpans styled runs and maxChars characters, and counts what it left out', () => {
    const whole = lineText(ix, 1);
    const shown = lineContent(ix, 1, DISPLAY_LIMITS);
    expect(shown.spans.length).toBeLessThanOrEqual(DISPLAY_LIMITS.maxSpans);
    expect(shown.text.length).toBe(DISPLAY_LIMITS.maxChars);
    expect(shown.text).toBe(whole.slice(0, DISPLAY_LIMITS.maxChars));
    expect(shown.hidden).toBe(whole.length - DISPLAY_LIMITS.maxChars);
    // The HTML has one element per run at most, whatever the line holds.
    const html = spansToHtml(shown.spans);
    expect((html.match(/<span/g) ?? []).length).toBeLessThanOrEqual(DISPLAY_LIMITS.maxSpans);
  });

  it('leaves ordinary lines whole, escaped as before, and search still sees the whole line', () => {
    expect(lineContent(ix, 2, DISPLAY_LIMITS)).toMatchObject({ text: 'after <b>', hidden: 0 });
    expect(spansToHtml(lineContent(ix, 2, DISPLAY_LIMITS).spans)).toContain('after &lt;b&gt;');
    expect(lineText(ix, 1)).toContain('99999');
    expect(getLines(ix, 1, 2)[0]).toMatchObject({ hidden: lineText(ix, 1).length - DISPLAY_LIMITS.maxChars });
  });

  it('cuts a long plain line too', () => {
    const plain = index(`${'x'.repeat(50_000)}\n`);
    expect(lineContent(plain, 0, DISPLAY_LIMITS)).toMatchObject({ hidden: 30_000 });
    expect(lineContent(plain, 0).hidden).toBe(0);
  });
});
