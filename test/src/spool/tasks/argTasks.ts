// Worker tasks with arguments for test/src/spool/workerArgs.test.ts.
import type { Patch } from "../../../../src/index.ts";

/** Scales the data by `args.factor` and tags the patch with `args.tag`. */
export function scaled(patch: Patch, args: { factor: number; tag: string }): Patch {
  const data = Float64Array.from(patch.data, (x) => x * args.factor);
  return patch.new({ data, attrs: { tag: args.tag } });
}

/** Echoes the arguments the worker received (a structured clone). */
export function echo(_patch: Patch, args: unknown): unknown {
  return args;
}

/** Band-passes the patch along time between `args.lo` and `args.hi` Hz. */
export function bandPass(patch: Patch, args: { lo: number; hi: number }): Patch {
  return patch.passFilter({ time: [args.lo, args.hi] });
}
