import { describe, expect, it } from 'vitest';
import { SimClock } from './clock.ts';

describe('SimClock', () => {
  it('runs at its speed, stops when paused and jumps on advance', () => {
    let real = 1_000;
    const clock = new SimClock(50_000, 10, false, () => real);
    real += 100;
    expect(clock.now()).toBe(51_000);
    clock.setPaused(true);
    real += 500;
    expect(clock.now()).toBe(51_000);
    clock.advance(2_000);
    expect(clock.now()).toBe(53_000);
    clock.setPaused(false);
    clock.setSpeed(1);
    real += 10;
    expect(clock.now()).toBe(53_010);
  });
});
