// The job log viewer: the whole log of any size, live, searchable (model/ is the pure part).
export { JobLog, type JobLogProps } from './job-log.tsx';
export { StaticLog, type StaticLogProps } from './static-log.tsx';
export { RawLog, type RawLogProps } from './raw-log.tsx';
export { LogViewer, EMPTY_SEARCH, type LogSearch, type LogViewerProps } from './log-viewer.tsx';
export { parseLineHash, formatLineHash, type LineRange } from './permalink.ts';
export { findFirstErrors, type FirstError } from './model/first-errors.ts';
