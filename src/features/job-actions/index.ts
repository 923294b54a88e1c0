// Job actions: cancel, retry, run with variables, erase, keep and delete artifacts.
export { JobActions, type JobActionsLayout, type JobActionsProps } from './job-actions.tsx';
export { ArtifactActions, type ArtifactActionsProps } from './artifact-actions.tsx';
export { BulkJobActions, type BulkJobActionsProps } from './bulk-job-actions.tsx';
export { PlayJobDialog, type PlayJobDialogProps } from './play-dialog.tsx';
export { ConfirmActionDialog, confirmationWording, type ConfirmActionDialogProps } from './confirm-dialog.tsx';
export {
  ACTION_LABELS,
  READ_ONLY_REASON,
  READ_TOKEN_REASON,
  allowedActions,
  availableActions,
  isBridge,
  needsConfirmation,
  writeBlockedReason,
  type ActionableJob,
  type AvailableAction,
  type JobActionName,
  type WriteAccess,
} from './model/availability.ts';
export { bulkTargets, type BulkAction, type BulkResult } from './model/bulk.ts';
export { createRememberedVariablesStore, REMEMBERED_VARIABLES_STORAGE_KEY, type RememberedVariable, type RememberedVariablesStore } from './model/remembered-variables.ts';
