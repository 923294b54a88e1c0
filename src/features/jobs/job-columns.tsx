import type { ReactNode } from 'react';
import { columnOrderingFeature, columnVisibilityFeature, createColumnHelper, rowSelectionFeature, tableFeatures } from '@tanstack/react-table';
import type { Job } from '../../gitlab/index.ts';
import {
  ActionsCell,
  ArtifactsCell,
  CoverageCell,
  CreatedCell,
  DurationCell,
  FinishedCell,
  JobCell,
  PipelineCell,
  QueuedCell,
  RefCell,
  RunnerCell,
  SinceCell,
  StageCell,
  StatusCell,
  UserCell,
} from './job-cells.tsx';

export const jobTableFeatures = tableFeatures({ columnVisibilityFeature, columnOrderingFeature, rowSelectionFeature });
const helper = createColumnHelper<typeof jobTableFeatures, Job>();

export interface JobColumnInfo {
  id: string;
  /** The header and the name in the column menu. */
  label: string;
  /** Width in px (the table is laid out fixed, so rows keep one height). */
  width: number;
  /** Shown until a person decides otherwise. */
  visibleByDefault: boolean;
  /** Can be hidden and moved (the selection and status columns stay). */
  configurable: boolean;
  className?: string;
  Cell: (props: { job: Job }) => ReactNode;
}

/** The columns as data, in GitLab's order. */
export const JOB_COLUMN_INFO: readonly JobColumnInfo[] = [
  { id: 'status', label: 'Status', width: 190, visibleByDefault: true, configurable: false, Cell: StatusCell },
  { id: 'job', label: 'Job', width: 230, visibleByDefault: true, configurable: true, Cell: JobCell },
  { id: 'stage', label: 'Stage', width: 90, visibleByDefault: true, configurable: true, Cell: StageCell },
  { id: 'pipeline', label: 'Pipeline', width: 90, visibleByDefault: true, configurable: true, Cell: PipelineCell },
  { id: 'ref', label: 'Ref and commit', width: 230, visibleByDefault: true, configurable: true, Cell: RefCell },
  { id: 'user', label: 'Triggered by', width: 130, visibleByDefault: true, configurable: true, Cell: UserCell },
  { id: 'runner', label: 'Runner and tags', width: 170, visibleByDefault: true, configurable: true, Cell: RunnerCell },
  { id: 'coverage', label: 'Coverage', width: 90, visibleByDefault: true, configurable: true, className: 'num', Cell: CoverageCell },
  { id: 'queued', label: 'Queued', width: 90, visibleByDefault: false, configurable: true, className: 'num', Cell: QueuedCell },
  { id: 'duration', label: 'Duration', width: 100, visibleByDefault: true, configurable: true, className: 'num', Cell: DurationCell },
  { id: 'created', label: 'Created', width: 120, visibleByDefault: false, configurable: true, Cell: CreatedCell },
  { id: 'finished', label: 'Finished', width: 120, visibleByDefault: true, configurable: true, Cell: FinishedCell },
  { id: 'artifacts', label: 'Artifacts', width: 90, visibleByDefault: true, configurable: true, Cell: ArtifactsCell },
  { id: 'since', label: 'Failing since', width: 240, visibleByDefault: true, configurable: true, Cell: SinceCell },
];

export const ACTIONS_COLUMN: JobColumnInfo = { id: 'actions', label: 'Actions', width: 170, visibleByDefault: true, configurable: true, Cell: ActionsCell };
export const SELECT_COLUMN_ID = 'select';
export const SELECT_COLUMN_WIDTH = 40;

const byId = new Map([...JOB_COLUMN_INFO, ACTIONS_COLUMN].map((c) => [c.id, c]));
export function columnInfo(id: string): JobColumnInfo | undefined {
  return byId.get(id);
}

const dataColumns = JOB_COLUMN_INFO.map((c) => helper.display({ id: c.id, header: c.label, cell: ({ row }) => <c.Cell job={row.original} /> }));
const actionsColumn = helper.display({ id: ACTIONS_COLUMN.id, header: ACTIONS_COLUMN.label, cell: ({ row }) => <ACTIONS_COLUMN.Cell job={row.original} /> });
// The selection column draws its own checkboxes (job-table.tsx); the definition only reserves the place.
const selectColumn = helper.display({ id: SELECT_COLUMN_ID, header: 'Select', cell: () => null, enableHiding: false });

/** Column sets at module scope: the table must get the same array while the slots stay the same. */
const COLUMN_SETS = {
  plain: dataColumns,
  actions: [...dataColumns, actionsColumn],
  select: [selectColumn, ...dataColumns],
  both: [selectColumn, ...dataColumns, actionsColumn],
};

export function jobColumns({ actions, select }: { actions: boolean; select: boolean }) {
  if (actions && select) return COLUMN_SETS.both;
  if (actions) return COLUMN_SETS.actions;
  if (select) return COLUMN_SETS.select;
  return COLUMN_SETS.plain;
}
