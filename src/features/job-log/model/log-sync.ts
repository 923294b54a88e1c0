/**
 * GitLab's trace endpoint sends the whole log on every poll (no Range, no offset). This
 * decides, from a small fingerprint of what was already parsed, whether the new body only
 * grew (parse the tail), is unchanged, or shrank or changed (erased, retried: parse anew).
 */

/** Where the already-parsed text can be recognised: its length, head and last chars. */
export interface LogFingerprint {
  length: number;
  head: string;
  tail: string;
}

export type LogUpdate = { kind: 'same' } | { kind: 'append'; tail: string } | { kind: 'replace'; text: string };

const SAMPLE = 256;

export const EMPTY_FINGERPRINT: LogFingerprint = Object.freeze({ length: 0, head: '', tail: '' });

/**
 * A copy of a short sample that does not keep the text it came from alive: V8's `slice` of a
 * long string is a view onto it, so a 256-char sample would otherwise pin a 50 MB poll body.
 */
function detach(sample: string): string {
  return sample.length === 0 ? sample : sample.split('').join('');
}

export function fingerprintOf(text: string): LogFingerprint {
  return {
    length: text.length,
    head: detach(text.slice(0, SAMPLE)),
    tail: detach(text.slice(Math.max(0, text.length - SAMPLE))),
  };
}

/** The fingerprint after `tail` was appended to text whose fingerprint is `prev`. */
export function extendFingerprint(prev: LogFingerprint, tail: string): LogFingerprint {
  const length = prev.length + tail.length;
  const head = prev.head.length >= SAMPLE ? prev.head : detach((prev.head + tail.slice(0, SAMPLE)).slice(0, SAMPLE));
  const joined = tail.length >= SAMPLE ? tail.slice(tail.length - SAMPLE) : prev.tail + tail;
  return { length, head, tail: detach(joined.slice(Math.max(0, joined.length - SAMPLE))) };
}

/**
 * Compares a full log body with what was parsed. Only the head and the chars just before
 * the old end are compared: a log that changed elsewhere but kept both is taken as grown.
 */
export function diffFullLog(prev: LogFingerprint, full: string): LogUpdate {
  if (full.length < prev.length) return { kind: 'replace', text: full };
  if (prev.length === 0) return full.length === 0 ? { kind: 'same' } : { kind: 'append', tail: full };
  if (!full.startsWith(prev.head) || !full.startsWith(prev.tail, prev.length - prev.tail.length)) {
    return { kind: 'replace', text: full };
  }
  if (full.length === prev.length) return { kind: 'same' };
  return { kind: 'append', tail: full.slice(prev.length) };
}
