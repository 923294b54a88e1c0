import { describe, expect, it } from 'vitest';
import { idleCompactor } from './compaction.ts';
import { createLogIndex } from './log-index.ts';

describe('idleCompactor', () => {
  it('compacts one chunk a step, each step scheduled apart, until none is left', () => {
    const index = createLogIndex();
    for (let k = 0; k < 3; k++) index.append(`${'line ✓ of text\n'.repeat(20_000)}`);
    const steps: Array<() => void> = [];
    const kick = idleCompactor(index, (step) => steps.push(step));
    kick();
    kick();
    expect(steps).toHaveLength(1);
    const before = index.byteLength;
    steps.shift()?.();
    expect(index.byteLength).toBeLessThan(before);
    expect(steps).toHaveLength(1);
    steps.shift()?.();
    steps.shift()?.();
    // The last chunk was big enough to stay as it is: all three are bytes now, nothing is scheduled.
    expect(steps).toHaveLength(0);
    expect(index.byteLength).toBe(new TextEncoder().encode('line ✓ of text\n'.repeat(60_000)).length);
    expect(index.lineCount).toBe(60_000);
  });
});
