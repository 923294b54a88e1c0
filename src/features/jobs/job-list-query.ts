/** Active rows below the polled first page that are refreshed one by one; more wait for the first page's turn. */
export const MAX_TRACKED_JOBS = 30;
