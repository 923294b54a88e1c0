import { describe, expect, it } from 'vitest';
import { createLogIndex } from './log-index.ts';
import { findFailures } from './search.ts';
import { findFirstErrors } from './first-errors.ts';

const ESC = '\x1b';

describe('findFirstErrors', () => {
  const log = [
    `${ESC}[0Ksection_start:1700000000:step_script\r${ESC}[0K${ESC}[36;1mExecuting "step_script"${ESC}[0;m`,
    '$ bundle exec rspec',
    'Randomized with seed 1234',
    `${ESC}[31mPG::ConnectionBad: connection to server at "postgres" (172.17.0.3), port 5432 failed: Connection refused${ESC}[39m`,
    '',
    'ERROR: Job failed: exit code 1',
    'error: one more',
    'FAILED again',
  ].join('\n');

  it('finds the lines the viewer jumps to, first first, with what they display', () => {
    const errors = findFirstErrors(log, 3);
    const index = createLogIndex();
    index.append(log);
    expect(errors.map((e) => e.line)).toEqual([...findFailures(index)].slice(0, 3));
    expect(errors[0]).toEqual({ line: 3, text: 'PG::ConnectionBad: connection to server at "postgres" (172.17.0.3), port 5432 failed: Connection refused' });
    expect(errors[1]?.text).toBe('ERROR: Job failed: exit code 1');
  });

  it('finds nothing in a log without failures, or an empty one', () => {
    expect(findFirstErrors('all good\nJob succeeded\n')).toEqual([]);
    expect(findFirstErrors('')).toEqual([]);
  });
});
