/** Active rows below the polled first page that are refreshed one by one; more wait for the first page's turn. */
export const MAX_TRACKED_JOBS = 30;
/**
 * Rows below the first page that the loaded pages show as active, whose own job queries the
 * list reads (without fetching): what a poll, the job page or an action learnt about them stays
 * on their row. The polled ones are among them.
 */
export const MAX_FOLLOWED_JOBS = 500;
