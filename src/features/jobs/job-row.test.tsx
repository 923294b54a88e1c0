import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { JobSchema } from '../../gitlab/index.ts';
import { cellClass, LightCell, sameRow, type JobRowProps } from './job-row.tsx';

afterEach(cleanup);

const JOB = JobSchema.parse({ id: 4211, name: 'rspec <2/3>', status: 'failed', stage: 'test', ref: 'feature/login' });

function props(patch: Partial<JobRowProps> = {}): JobRowProps {
  return {
    // sameRow reads only the row's id; the cells come from TanStack Table in the real list.
    row: { id: '4211' } as unknown as JobRowProps['row'],
    job: JOB,
    index: 3,
    top: 156,
    light: false,
    columnKey: 'status,job,stage',
    folded: new Set(),
    active: false,
    selectable: false,
    selected: false,
    onKeyDown: vi.fn(),
    onFocus: vi.fn(),
    onToggle: vi.fn(),
    renderCell: () => null,
    ...patch,
  };
}

describe('sameRow', () => {
  it('keeps a row on screen as it was when a flick starts, and redraws a light row when it ends', () => {
    const full = props();
    expect(sameRow(full, { ...full, light: true })).toBe(true);
    expect(sameRow({ ...full, light: true }, full)).toBe(false);
  });

  it('redraws for a new job, place, columns or state, not for a new row object of the same job', () => {
    const a = props();
    expect(sameRow(a, { ...a, row: { id: '4211' } as unknown as JobRowProps['row'] })).toBe(true);
    expect(sameRow(a, { ...a, job: { ...JOB, status: 'success' } })).toBe(false);
    expect(sameRow(a, { ...a, top: 208 })).toBe(false);
    expect(sameRow(a, { ...a, columnKey: 'status,job' })).toBe(false);
    expect(sameRow(a, { ...a, selected: true })).toBe(false);
  });
});

describe('LightCell', () => {
  it('shows the job as plain text, no links or buttons', () => {
    const { container } = render(
      <div>
        {['job', 'stage', 'ref', 'duration'].map((id) => (
          <div key={id} className={cellClass(id)}>
            <LightCell columnId={id} job={JOB} />
          </div>
        ))}
      </div>,
    );
    expect(container.textContent).toBe('#4211 rspec <2/3>testfeature/login');
    expect(container.querySelector('a, button')).toBeNull();
    expect(container.querySelector('.col-ref code')?.textContent).toBe('feature/login');
  });
});
