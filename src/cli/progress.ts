// Progress reporting for long CLI commands: a redrawn bar on a terminal (files, MB, rate, ETA),
// plain throttled lines otherwise (logs, pipes, CI), or nothing. Writes to stderr only.

/** One progress event: items done of total, and bytes processed when known. */
export interface ProgressEvent {
  done: number;
  total: number;
  bytes?: number;
}

/** How progress is shown. */
export type ProgressMode = "bar" | "lines" | "none";

/** Where progress goes: a writable stream and a clock (injectable for tests). */
export interface ProgressSink {
  write(text: string): void;
  now?: () => number;
}

function formatMb(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** `1:05`, `12:00:03`, or `--` when unknown. */
export function formatEta(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "--";
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, "0");
  return h > 0 ? `${h}:${String(m).padStart(2, "0")}:${ss}` : `${m}:${ss}`;
}

/**
 * Tracks an operation over `total` items and renders its progress.
 *
 * @example
 * ```ts
 * const p = new Progress("indexing", "bar", { write: (t) => process.stderr.write(t) });
 * await spool.update({ onProgress: (e) => p.update(e) });
 * p.finish();
 * ```
 */
export class Progress {
  private readonly start: number;
  private last = -Infinity;
  private lastLineFraction = -1;
  private drawn = false;

  constructor(
    private readonly label: string,
    private readonly mode: ProgressMode,
    private readonly sink: ProgressSink,
    private readonly barWidth = 24,
  ) {
    this.start = this.now();
  }

  private now(): number {
    return this.sink.now ? this.sink.now() : performance.now();
  }

  /** The status text: `12/300 files  45.3 MB  12.1 MB/s  ETA 0:24`. */
  describe(e: ProgressEvent): string {
    const elapsed = Math.max(1e-3, (this.now() - this.start) / 1000);
    const parts = [`${e.done}/${e.total} files`];
    if (e.bytes !== undefined) parts.push(formatMb(e.bytes), `${(e.bytes / 1e6 / elapsed).toFixed(1)} MB/s`);
    else parts.push(`${(e.done / elapsed).toFixed(1)} files/s`);
    const eta = e.done > 0 ? (elapsed / e.done) * (e.total - e.done) : Number.NaN;
    parts.push(`ETA ${formatEta(eta)}`);
    return parts.join("  ");
  }

  /** Records an event; redraws the bar at most every 100 ms, prints a line every 10 % or 5 s. */
  update(e: ProgressEvent): void {
    const t = this.now();
    const fraction = e.total > 0 ? e.done / e.total : 1;
    if (this.mode === "bar") {
      if (t - this.last < 100 && e.done < e.total) return;
      const filled = Math.round(fraction * this.barWidth);
      const bar = `${"█".repeat(filled)}${"░".repeat(this.barWidth - filled)}`;
      this.sink.write(`\r\x1b[2K${this.label} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  ${this.describe(e)}`);
      this.drawn = true;
      this.last = t;
    } else if (this.mode === "lines") {
      const step = Math.floor(fraction * 10);
      if (step <= this.lastLineFraction && t - this.last < 5000 && e.done < e.total) return;
      if (e.done === e.total && this.lastLineFraction === 10) return;
      this.sink.write(`${this.label}: ${this.describe(e)}\n`);
      this.lastLineFraction = e.done === e.total ? 10 : step;
      this.last = t;
    }
  }

  /** Ends the bar's line; returns the elapsed seconds. */
  finish(): number {
    if (this.drawn) this.sink.write("\n");
    this.drawn = false;
    return (this.now() - this.start) / 1000;
  }
}
