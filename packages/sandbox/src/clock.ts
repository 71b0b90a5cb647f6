// The sandbox's clock: the `now` option (or the system clock) plus however far a test has moved it.
// Invitations expire, the rate limit refills and delayed answers are released on this clock, so a
// test decides when, without waiting in real time.

export interface Clock {
  /** The sandbox's current time. */
  now(): Date;
  /** Moves the clock forward by `ms` milliseconds, releasing every delay that is then due. */
  advance(ms: number): void;
}

export class SandboxClock implements Clock {
  private offset = 0;
  private waiting: Array<{ due: number; release: () => void }> = [];

  constructor(private readonly base: () => Date = () => new Date()) {}

  now = (): Date => new Date(this.base().getTime() + this.offset);

  advance = (ms: number): void => {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError("the clock moves forward only: ms >= 0");
    this.offset += ms;
    const at = this.now().getTime();
    const due = this.waiting.filter((w) => w.due <= at);
    this.waiting = this.waiting.filter((w) => w.due > at);
    for (const w of due) w.release();
  };

  /** Resolves once the clock has been advanced `ms` past now (never by real time passing). */
  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((release) => this.waiting.push({ due: this.now().getTime() + ms, release }));
  }
}
