// Measured figures for `explain({ analyze: true })`: per stage, items out, bytes read, time.

/** Counters of one stage. */
export interface StageFigures {
  items: number;
  bytes: number;
  ms: number;
}

/** A small accumulator keyed by stage name; stages appear in first-use order. */
export class StageCounters {
  private readonly stages = new Map<string, StageFigures>();

  /** Adds to a stage's figures. */
  add(stage: string, figures: Partial<StageFigures>): void {
    const s = this.stages.get(stage) ?? { items: 0, bytes: 0, ms: 0 };
    s.items += figures.items ?? 0;
    s.bytes += figures.bytes ?? 0;
    s.ms += figures.ms ?? 0;
    this.stages.set(stage, s);
  }

  /** Runs `fn`, adding its wall time to `stage`. */
  async time<T>(stage: string, fn: () => Promise<T>): Promise<T> {
    const t0 = performance.now();
    try {
      return await fn();
    } finally {
      this.add(stage, { ms: performance.now() - t0 });
    }
  }

  /** The figures of one stage (zeros if it never ran). */
  get(stage: string): StageFigures {
    return this.stages.get(stage) ?? { items: 0, bytes: 0, ms: 0 };
  }

  /** All stages in first-use order. */
  entries(): [string, StageFigures][] {
    return [...this.stages.entries()];
  }
}
