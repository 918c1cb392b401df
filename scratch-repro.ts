import * as dc from "./src/index.ts";
const T0 = dc.toDatetime64("2020-01-03");
const ms = (n: number) => BigInt(n) * 1_000_000n;
const rd = (o: Record<string, unknown>) => dc.getExampleSpool("random_das", o as never);
async function show(name: string, f: () => Promise<unknown>) {
  try { console.log(name, await f()); } catch (e) { console.log(name, "ERR", (e as Error).constructor.name, (e as Error).message); }
}
const desc = async (s: dc.Spool) => {
  const out = [];
  for await (const p of s as AsyncIterable<dc.Patch>) { const t = p.getCoord("time"); out.push(`${p.dims} ${p.shape} t=${dc.formatDatetime64(t.min() as bigint)}..${dc.formatDatetime64(t.max() as bigint)} step=${t.step}`); }
  return out;
};
const one = rd({ length: 1, shape: [2, 50] });
await show("1", () => desc(one.select({ time: [T0, T0 + ms(20)] }).select({ time: [T0 + ms(100), null] })));
const a = dc.getExamplePatch("random_das", { shape: [2, 10], time_min: "2020-01-03" } as never);
const b = dc.getExamplePatch("random_das", { shape: [3, 10], time_min: "2020-01-03T00:00:01" } as never);
const c = dc.getExamplePatch("random_das", { shape: [2, 10], time_min: "2020-01-03T00:00:01", distance_min: 10 } as never);
await show("2a", async () => { const s = dc.spool([a, b]).concatenate({ time: null }); return [await s.count(), await desc(s)]; });
await show("2b", async () => { const s = dc.spool([a, c]).concatenate({ time: null }); return [await s.count(), await desc(s)]; });
await show("3", () => desc(rd({ length: 2, shape: [4, 3] }).chunk({ distance: 2 })));
await show("3b", () => desc(rd({ length: 2, shape: [4, 3] }).chunk({ distance: null })));
await show("4", () => desc(rd({ length: 2, shape: [1, 10] }).chunk({ time: 0.02 }).slice(1, 2).chunk({ time: null })));
await show("5", () => desc(rd({ length: 2, time_gap: 1, shape: [1, 3] }).concatenate({ time: null }).chunk({ time: null })));
await show("6", async () => { const t = await rd({ length: 2, time_gap: 1, shape: [1, 3] }).concatenate({ time: null }).getContents(); return t.getChild("time_step")?.get(0); });
await show("7", () => desc(rd({ length: 1, shape: [1, 10] }).chunk({ time: 1 }).chunk({ time: 0.02 })));
let calls = 0;
await show("8", async () => { const s = dc.getExampleSpool().chunk({ time: 2 }).map((p: any) => { calls++; return p; }).concatenate({ time: null }); await s.get(0); return calls; });
