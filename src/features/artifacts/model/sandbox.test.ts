// @vitest-environment jsdom
// jsdom runs no iframes, so these check what the browser is told: the frame's attributes and
// the policy at the top of its document. The proof that the hostile artifact's script cannot
// run or read the app's storage is the Playwright story (see the report of this feature).
import { describe, expect, it } from 'vitest';
import { ARTIFACT_PATHS, buildArchive } from '../../../../gitlab-sim/content/artifacts.ts';
import { ARTIFACT_FRAME_CSP, frameIsolationProblems, sandboxedFrameProps } from './sandbox.ts';

const archive = buildArchive({ seed: 1, jobName: 'compile' });
const text = (path: string) => new TextDecoder().decode(archive.file(path));

function frameElement(props: ReturnType<typeof sandboxedFrameProps>): HTMLIFrameElement {
  const iframe = document.createElement('iframe');
  iframe.setAttribute('sandbox', props.sandbox);
  iframe.setAttribute('srcdoc', props.srcDoc);
  iframe.setAttribute('referrerpolicy', props.referrerPolicy);
  iframe.setAttribute('allow', props.allow);
  iframe.setAttribute('title', props.title);
  return iframe;
}

describe('sandboxedFrameProps', () => {
  it('grants the frame nothing: no scripts, no same origin, no forms, popups or top navigation', () => {
    const props = sandboxedFrameProps('html', text(ARTIFACT_PATHS.evilHtml), 'evil/steal.html');
    expect(props.sandbox).toBe('');
    expect(props).not.toHaveProperty('src');
    expect(props.referrerPolicy).toBe('no-referrer');
    expect(props.allow).toBe('');
    const iframe = frameElement(props);
    expect(iframe.getAttribute('sandbox')).toBe('');
    // (jsdom has no iframe.sandbox token list: the attribute is what the browser reads.)
    const tokens = (iframe.getAttribute('sandbox') ?? 'missing').split(/\s+/).filter(Boolean);
    expect(tokens).toEqual([]);
    expect(iframe.hasAttribute('src')).toBe(false);
    expect(frameIsolationProblems({ ...props })).toEqual([]);
  });

  it('puts a CSP that loads nothing from the network first in the head, ahead of the file', () => {
    expect(ARTIFACT_FRAME_CSP).toBe("default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'");
    const html = text(ARTIFACT_PATHS.evilHtml);
    const props = sandboxedFrameProps('html', html, 'evil/steal.html');
    const doc = new DOMParser().parseFromString(props.srcDoc, 'text/html');
    const metas = doc.head.querySelectorAll('meta');
    expect(metas[0]?.getAttribute('charset')).toBe('utf-8');
    expect(metas[1]?.getAttribute('http-equiv')).toBe('Content-Security-Policy');
    expect(metas[1]?.getAttribute('content')).toBe(ARTIFACT_FRAME_CSP);
    // The file is all there (as the frame's document, never the app's).
    expect(doc.querySelector('#result')?.textContent).toBe('script did not run');
    expect(doc.querySelectorAll('script')).toHaveLength(1);
    expect(props.srcDoc.endsWith(html)).toBe(true);
  });

  it('renders SVG inline in the same kind of frame', () => {
    const svg = text(ARTIFACT_PATHS.evilSvg);
    const props = sandboxedFrameProps('svg', svg, 'evil/image.svg');
    expect(frameIsolationProblems({ ...props })).toEqual([]);
    const doc = new DOMParser().parseFromString(props.srcDoc, 'text/html');
    expect(doc.head.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content')).toBe(ARTIFACT_FRAME_CSP);
    expect(doc.body.firstElementChild?.localName).toBe('svg');
    expect(props.srcDoc).not.toContain('<?xml');
  });

  it('flags frames that would let an artifact out', () => {
    const good = sandboxedFrameProps('html', '<p>x</p>', 'x');
    expect(frameIsolationProblems({ ...good, sandbox: 'allow-scripts' })).toEqual(['allow-scripts lets the artifact run code']);
    expect(frameIsolationProblems({ ...good, sandbox: 'allow-same-origin allow-popups' })).toEqual([
      "allow-same-origin gives the artifact the dashboard's origin",
      'allow-popups is not needed to show a document',
    ]);
    expect(frameIsolationProblems({ ...good, src: 'blob:x' })).toEqual(['a src URL would load the file from an origin (use srcDoc)']);
    expect(frameIsolationProblems({ ...good, sandbox: undefined, referrerPolicy: undefined, srcDoc: '<p>x</p>' })).toHaveLength(3);
  });
});
