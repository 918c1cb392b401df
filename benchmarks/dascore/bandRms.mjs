// The fifth step's map task (issue 19): band-pass 5–20 Hz, decimate by 4, then the RMS of every
// channel over the window — DASCore's `p.pass_filter(time=(5, 20)).decimate(time=4)`, then
// `(b * b).mean("time", dim_reduce="min") ** 0.5` (examples/bandRms does the same in TypeScript).
export function bandRms(patch) {
  const band = patch.passFilter({ time: [5, 20] }).decimate({ time: 4 });
  const meanSquare = band.multiply(band).aggregate("time", "mean", { dimReduce: "min" });
  return meanSquare.new({ data: Float64Array.from(meanSquare.data, Math.sqrt) });
}
