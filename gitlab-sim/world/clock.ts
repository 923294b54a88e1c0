/**
 * Simulated time = anchor + elapsed real time x speed, frozen while paused.
 * Nothing runs on timers: the world catches up with the clock on each request.
 */
export class SimClock {
  private anchorSim: number;
  private anchorReal: number;
  private speedValue: number;
  private pausedValue: boolean;

  constructor(
    start: number,
    speed: number,
    paused: boolean,
    private readonly realNow: () => number = Date.now,
  ) {
    this.anchorSim = start;
    this.anchorReal = realNow();
    this.speedValue = speed;
    this.pausedValue = paused;
  }

  now(): number {
    if (this.pausedValue) return Math.floor(this.anchorSim);
    return Math.floor(this.anchorSim + (this.realNow() - this.anchorReal) * this.speedValue);
  }

  get speed(): number {
    return this.speedValue;
  }

  get paused(): boolean {
    return this.pausedValue;
  }

  private reanchor(): void {
    this.anchorSim = this.now();
    this.anchorReal = this.realNow();
  }

  setSpeed(speed: number): void {
    this.reanchor();
    this.speedValue = speed;
  }

  setPaused(paused: boolean): void {
    this.reanchor();
    this.pausedValue = paused;
  }

  advance(ms: number): void {
    this.reanchor();
    this.anchorSim += ms;
  }
}
