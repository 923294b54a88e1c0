// Why did it fail: the failures digest of a pipeline and everything it triggered, and a failed job's entry.
export { FailuresDigest, type FailuresDigestProps } from './failures-digest.tsx';
export { DigestEntry, type DigestEntryProps } from './digest-entry.tsx';
export type { FindFirstErrors, FirstErrorLine } from './model/types.ts';
