// Type test (issue 20): usage examples that must compile under `strict` (this file is part of
// `tsc --noEmit -p .`). It is never run; the README tour and examples/ use the same shapes.
import * as dc from "../../src/index.ts";
import type { Patch } from "../../src/index.ts";

/** The README tour, verbatim in shape. */
export async function readmeTour(): Promise<void> {
  const patch = dc.getExamplePatch();
  patch.select({ time: ["2017-09-18T00:00:01", null] });
  patch.aggregate("time", "max").shape;

  const sp = dc.getExampleSpool("random_das");
  await sp.chunk({ time: 2 }).count();
  const maxima = sp
    .select({ time: ["2020-01-03T00:00:01", null] })
    .chunk({ time: 5, overlap: 1 })
    .map((p) => p.aggregate("time", "max"))
    .concatenate({ time: null });
  const result: Patch = await maxima.get(0);

  const file = dc.spool("shot.hdf5");
  await file.getContents();
  for await (const p of file.select({ distance: [500, 700] })) p.shape satisfies readonly number[];
  await dc.write(result, "maxima.h5", { format: "DASDAE" });
}

/** A map's result type flows through: Spool<number>, Spool<Patch>, worker task results. */
export async function typedMaps(): Promise<void> {
  const sp = dc.getExampleSpool();
  const peaks: dc.Spool<number> = sp.map((p) => {
    let m = -Infinity;
    for (const x of p.data) m = Math.max(m, x); // elements are numbers: no casts
    return m;
  });
  const scaled: Float64Array = Float64Array.from(dc.getExamplePatch().data, (x) => x * 2);
  void scaled;
  const first: number = await peaks.get(0);
  void first;
  const band = dc.workerTask<Patch>(new URL("./tasks.js", import.meta.url), "band", { lo: 5, hi: 20 });
  const filtered: dc.Spool<Patch> = sp.map(band, { workers: 2 });
  const again: dc.Spool<Patch> = dc.spoolFromPlan(filtered.toJSON());
  const counts = dc.spoolFromPlan<number>(peaks.toJSON());
  void again;
  void counts;
}

/** Numeric work on data type-checks; a new patch from a task is built with patch.new. */
export function rmsPerChannel(p: Patch): Patch {
  const [nd, nt] = [p.shape[0]!, p.shape[1]!];
  const data = p.data;
  const out = new Float64Array(nd);
  for (let i = 0; i < nd; i++) {
    let s = 0;
    for (let j = 0; j < nt; j++) s += data[i * nt + j]! ** 2;
    out[i] = Math.sqrt(s / nt);
  }
  const time = dc.coordArray([p.getCoord("time").min() as bigint]);
  return p.new({ data: out, coords: { distance: p.getCoord("distance"), time }, attrs: { ...p.attrs, data_type: "rms" } });
}

/** The one-line DASCore job: band-pass, decimate, RMS per channel per minute. */
export function bandRms(p: Patch, args: { lo: number; hi: number }): Patch {
  return p
    .passFilter({ time: [args.lo, args.hi] })
    .aggregate("time", "std", { dimReduce: "min" })
    .updateAttrs({ data_type: "rms" });
}

/** The README's processing section, verbatim in shape. */
export async function readmeProcessing(): Promise<void> {
  const patch = dc.getExamplePatch();
  const clean = patch
    .detrend("time")
    .taper({ time: 0.05 })
    .passFilter({ time: [5, 20] }) // Butterworth, 4 corners, zero phase (sosfiltfilt)
    .decimate({ time: 4 }); // Chebyshev anti-alias filter, then every 4th sample
  const loud = clean.rolling({ time: 0.2 }, { step: 0.1 }).max(); // NaN until a window fits
  const perChannel = clean.multiply(clean).aggregate("time", "mean", { dimReduce: "min" });
  const tidy = loud.transpose("time", "distance").squeeze();
  void perChannel;
  void tidy;

  // a worker task with arguments: `export function bandRms(patch: Patch, args: { lo: number; hi: number; factor: number })`
  const rms = await dc
    .spool("/data/das")
    .chunk({ time: 60 })
    .map(dc.workerTask<Patch>(new URL("./tasks.js", import.meta.url), "bandRms", { lo: 5, hi: 20, factor: 4 }), { workers: 2 })
    .concatenate({ time: null })
    .get(0); // (channels × minutes), time = each minute's start
  console.log(String(rms.new({ attrs: { data_type: "rms" } })));
}
