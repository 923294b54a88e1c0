// The job page's header: status, where and when, runner, failure reason, artifacts, attempts.
export { JobHeader, type JobHeaderProps } from './job-header.tsx';
export { JobAttempts, type JobAttemptsProps } from './job-attempts.tsx';
export { artifactsSummary, formatSize, type ArtifactsSummary } from './artifacts-summary.ts';
