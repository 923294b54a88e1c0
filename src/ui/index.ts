// The shared UI kit: presentational pieces every view reuses.
export { StatusBadge, type StatusBadgeProps } from './status-badge.tsx';
export { StatusIcon, STATUS_ICON_SVGS, type StatusIconProps } from './status-icon.tsx';
export { statusLook, type StatusLook, type StatusTone } from './status.ts';
export { Duration, type DurationProps } from './duration.tsx';
export { TimeAgo, type TimeAgoProps } from './time-ago.tsx';
export { FailingSince, type FailingSinceProps } from './failing-since.tsx';
export { MissingValue } from './missing-value.tsx';
export { formatDuration, formatTimeAgo, formatExactTime } from './format.ts';
export { LoadingState, EmptyState, type LoadingStateProps, type EmptyStateProps } from './states.tsx';
export { ErrorState, type ErrorStateProps } from './error-state.tsx';
export { ConnectionMarker, ConnectionStatus, useConnectionHealth, type ConnectionMarkerProps, type ConnectionStatusProps } from './connection-health.tsx';
export { ToastProvider, useToast, type ToastLink, type ToastTone } from './toast.tsx';
export { useNow } from './use-now.ts';
export { useFixedRows, type FixedRows, type WindowItem } from './use-fixed-rows.ts';
export { lazyModule, useLazyModule, type LazyModule } from './lazy-module.ts';
export { countOf } from './plural.ts';
export { formatBytes } from './format-bytes.ts';
export { stripAnsi } from './strip-ansi.ts';
export { saveBlobAs } from './save-blob.ts';
export { useMediaQuery, PHONE_QUERY } from './use-media-query.ts';
export { projectPath } from './project-path.ts';
export { useRouteLinks, type RouteLinks } from './route-links.ts';
export { ExternalLink, ExternalLinkTargetContext, useExternalLinkTarget, type ExternalLinkTarget } from './external-link.tsx';
export { buttonClass, type ButtonVariant, type ButtonSize } from './button.ts';
// GitLab's icons, dialogs, tooltips, icon buttons, menus, selects and checkboxes on Radix: from './popups.ts', so
// that a page without them (the first screen) does not load Radix.
