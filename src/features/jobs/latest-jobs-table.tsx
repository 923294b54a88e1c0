import type { Job } from '../../gitlab/index.ts';
import { JOB_COLUMNS } from './job-columns.tsx';

export interface LatestJobsTableProps {
  jobs: readonly Job[];
  /** When the list was fetched (ms): running durations tick on from there. */
  fetchedAt: number;
  caption: string;
}

/** A plain table of jobs: id, name, stage, status, ref, duration. */
export function LatestJobsTable({ jobs, fetchedAt, caption }: LatestJobsTableProps) {
  return (
    <table className="table jobs-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {JOB_COLUMNS.map((col) => (
            <th key={col.id} scope="col" className={col.className}>
              {col.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {jobs.map((job) => (
          <tr key={job.id} data-job-id={job.id}>
            {JOB_COLUMNS.map(({ id, className, Cell }) => (
              <td key={id} className={className}>
                <Cell job={job} fetchedAt={fetchedAt} />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
