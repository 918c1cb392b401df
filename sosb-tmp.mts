import * as dc from "/work/main/src/index.ts";
const n = 15000, c = 300;
const data = new Float64Array(c * n).map((_, i) => Math.sin(i * 0.01) + ((i * 7919) % 101) / 50);
const p = new dc.Patch({ data, dims: ["distance", "time"], coords: { distance: Array.from({ length: c }, (_, i) => i), time: dc.coordRange({ start: 0n, step: 4_000_000n, length: n }) as never } as never });
let best = [1e9, 1e9];
for (let r = 0; r < 4; r++) {
  const t = performance.now(); const f = p.passFilter({ time: [5, 20] }); const t1 = performance.now(); f.decimate({ time: 4 }); const t2 = performance.now();
  best = [Math.min(best[0]!, t1 - t), Math.min(best[1]!, t2 - t1)];
}
console.log(process.argv[2], "pass", best[0]!.toFixed(0), "decimate", best[1]!.toFixed(0));
