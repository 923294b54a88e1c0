/**
 * How an artifact's HTML or SVG is shown when a person asks to render it (the default is its
 * source as text): in an iframe whose document is the file's text (`srcdoc`), sandboxed with
 * no permissions at all, so it runs no script, submits no form, opens no window and has an
 * opaque origin (no access to the dashboard's storage, cookies or DOM), and with a CSP that
 * lets it load nothing from the network (no tracking pixels, no exfiltration through URLs).
 */

/** The policy put at the top of every rendered artifact. `form-action`/`base-uri` are not covered by default-src. */
export const ARTIFACT_FRAME_CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'";

export interface SandboxedFrameProps {
  /** Empty: every restriction applies (no allow-scripts, no allow-same-origin, no allow-forms, …). */
  sandbox: '';
  /** The document: our CSP first, then the file's text, as given (React sets it as an attribute value). */
  srcDoc: string;
  referrerPolicy: 'no-referrer';
  /** Permissions policy: none (camera, clipboard, fullscreen…). */
  allow: '';
  /** Accessible name of the frame. */
  title: string;
  loading: 'lazy';
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The CSP as a meta element, the first thing in the frame's document. */
export function cspMeta(policy: string = ARTIFACT_FRAME_CSP): string {
  return `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(policy)}">`;
}

/**
 * The frame's document for an HTML file: a doctype, a charset and the CSP meta, then the file.
 * The file's own `<html>`/`<head>` merge into ours; a policy it declares can only add
 * restrictions (every CSP in force must allow a load).
 */
export function htmlFrameDocument(html: string): string {
  return `<!doctype html><html><head><meta charset="utf-8">${cspMeta()}</head>${html.replace(/^\uFEFF/, '')}`;
}

/** The frame's document for an SVG file: the image inline, scaled to fit, under the same CSP. */
export function svgFrameDocument(svg: string): string {
  // The XML prolog and doctype mean nothing inside HTML; drop them so the <svg> is the content.
  const body = svg.replace(/^\uFEFF/, '').replace(/^\s*<\?xml[^>]*\?>/i, '').replace(/^\s*<!DOCTYPE[^>]*>/i, '');
  return `<!doctype html><html><head><meta charset="utf-8">${cspMeta()}<style>html,body{margin:0;height:100%;display:grid;place-items:center;background:#fff}svg{max-width:100%;max-height:100%}</style></head><body>${body}</body></html>`;
}

/** The props of the iframe that renders an artifact's HTML or SVG (spread them onto `<iframe>`). */
export function sandboxedFrameProps(kind: 'html' | 'svg', text: string, title: string): SandboxedFrameProps {
  return {
    sandbox: '',
    srcDoc: kind === 'svg' ? svgFrameDocument(text) : htmlFrameDocument(text),
    referrerPolicy: 'no-referrer',
    allow: '',
    title,
    loading: 'lazy',
  };
}

/** The props that must never appear on an artifact frame: a test and a lint-like guard for the UI. */
export function frameIsolationProblems(props: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const sandbox = props.sandbox;
  if (typeof sandbox !== 'string') problems.push('the frame has no sandbox attribute');
  else {
    const tokens = sandbox.split(/\s+/).filter(Boolean);
    if (tokens.includes('allow-scripts')) problems.push('allow-scripts lets the artifact run code');
    if (tokens.includes('allow-same-origin')) problems.push("allow-same-origin gives the artifact the dashboard's origin");
    for (const t of tokens) if (t !== 'allow-scripts' && t !== 'allow-same-origin') problems.push(`${t} is not needed to show a document`);
  }
  if ('src' in props) problems.push('a src URL would load the file from an origin (use srcDoc)');
  if (props.referrerPolicy !== 'no-referrer') problems.push('the referrer must not leak the dashboard URL');
  const doc = props.srcDoc;
  if (typeof doc !== 'string' || !doc.startsWith('<!doctype html><html><head><meta charset="utf-8">' + cspMeta())) problems.push('the document does not start with the CSP');
  return problems;
}
