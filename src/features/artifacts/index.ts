// The artifact browser: a job's artifacts on any GitLab version (model/ does the listing and previews).
export { ArtifactBrowser, type ArtifactBrowserProps } from './artifact-browser.tsx';
export { artifactListingQueryOptions, artifactState, decodeBrowsePath, encodeBrowsePath } from './model/index.ts';
