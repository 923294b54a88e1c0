// The non-visual core of the artifact browser: listing on any GitLab version, the folder tree,
// preview decisions and content, JUnit reports, the sandboxed frame, and what the artifacts are.
export type { ArtifactEntry, RawEntry } from './entries.ts';
export { normaliseEntries, normalisePath, sortLikeGitLab } from './entries.ts';

export {
  ArtifactListError,
  artifactListingProgressQueryOptions,
  artifactListingQueryOptions,
  isArtifactListError,
  listArtifacts,
  type ArtifactListErrorKind,
  type ArtifactListing,
  type ListArtifactsOptions,
  type ListProgress,
  type ListingSource,
} from './list-archive.ts';

export {
  ROOT,
  breadcrumbs,
  buildTree,
  decodeBrowsePath,
  encodeBrowsePath,
  filterByName,
  normaliseFolder,
  parentOf,
  resolvePath,
  searchTree,
  sortNodes,
  type ArtifactNode,
  type ArtifactTree,
  type Crumb,
  type FolderTotals,
  type Resolved,
  type SortKey,
  type SortOrder,
} from './tree.ts';

export {
  MAX_IMAGE_BYTES,
  MAX_JSON_FORMAT_BYTES,
  MAX_JUNIT_BYTES,
  MAX_PREVIEW_BYTES,
  SNIFF_BYTES,
  VIRTUALISE_BYTES,
  decidePreview,
  decodeText,
  formatJson,
  lineAt,
  lineStarts,
  looksLikeText,
  sniffImage,
  type ImageType,
  type JsonFormat,
  type PreviewDecision,
  type PreviewKind,
} from './preview-kind.ts';

export { artifactPreviewQueryOptions, loadPreview, previewFromBytes, type LoadedPreview, type PreviewContent } from './preview.ts';

export {
  JunitParseError,
  MAX_DETAILS_CHARS,
  formatDuration,
  parseJunitXml,
  type CaseStatus,
  type JunitCase,
  type JunitCounts,
  type JunitReport,
  type JunitSuite,
} from './junit.ts';

export {
  ARTIFACT_FRAME_CSP,
  cspMeta,
  frameIsolationProblems,
  htmlFrameDocument,
  sandboxedFrameProps,
  svgFrameDocument,
  type SandboxedFrameProps,
} from './sandbox.ts';

export { artifactState, relativeTime, type ArtifactState, type ArtifactStateKind } from './artifact-status.ts';
