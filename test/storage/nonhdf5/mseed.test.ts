// miniSEED 2 reader on the four real files: patch grouping, timing, values and selections.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { mseedFormat } from "../../../storage/formats/mseed/index.ts";
import { REAL } from "./battery.ts";

const path = (f: string) => join(REAL, f);
const iso = (ns: bigint | number | null) => new Date(Number(BigInt(ns ?? 0) / 1_000_000n)).toISOString();

describe("mseedFormat", () => {
  it("splits etna's three stations into three one-channel patches (DASCore dev test)", async () => {
    const rows = await mseedFormat.scan(path("etna_9n_3chan_10s.mseed"), "2");
    expect(rows.map((r) => r.shape)).toEqual([[1, 13735], [1, 13729], [1, 13556]]);
    expect(rows.map((r) => r.attrs["station"])).toEqual(["00066", "00067", "00068"]);
    expect(new Set(rows.map((r) => r.attrs["network"]))).toEqual(new Set(["9N"]));
    expect(new Set(rows.map((r) => r.attrs["seed_channel"]))).toEqual(new Set(["HSF"]));
    expect(rows.map((r) => r.coords["channel"]!.min)).toEqual([0, 1, 2]);
    for (const r of rows) {
      expect(iso(r.coords["time"]!.min)).toBe("2018-08-31T07:01:08.896Z");
      expect(r.coords["time"]!.step).toBe(1_000_000n);
      expect(r.dataDtype).toBe("int32");
    }
  });

  it.each([
    ["geofon_3U_HSF.mseed", 1239096, "2023-02-01T00:21:59.381Z", 10_000_000n],
    ["geofon_5J_HSF.mseed", 1623458, "2020-01-31T00:59:53.398Z", 10_000_000n],
    ["geofon_9N_HSF.mseed", 722844, "2018-08-31T07:59:58.842Z", 1_000_000n],
  ] as const)("reads every sample of %s in time-ordered segments", async (file, total, start, step) => {
    const rows = await mseedFormat.scan(path(file), "2");
    expect(rows.reduce((a, r) => a + r.shape[1]!, 0)).toBe(total);
    expect(iso(rows[0]!.coords["time"]!.min)).toBe(start);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i]!.coords["time"]!.min! > rows[i - 1]!.coords["time"]!.max!).toBe(true);
    }
    for (const r of rows) {
      expect(r.coords["time"]!.step).toBe(step);
      const p = await mseedFormat.read(path(file), r.key, "2");
      expect(p.shape).toEqual(r.shape);
      expect(p.data.length).toBe(r.shape[1]);
    }
  });

  it("keeps the 3U trace's gaps as separate patches with a per-segment key", async () => {
    const rows = await mseedFormat.scan(path("geofon_3U_HSF.mseed"), "2");
    expect(rows.map((r) => r.key)).toMatchInlineSnapshot(`
      [
        "v2:3U..HSF:1675210919381990000:100:360000",
        "v2:3U..HSF:1675248286091990000:100:519096",
        "v2:3U..HSF:1675286097761990000:100:360000",
      ]
    `);
  });

  it("decodes the first Steim-2 samples of etna station 00066", async () => {
    const [row] = await mseedFormat.scan(path("etna_9n_3chan_10s.mseed"), "2");
    const p = await mseedFormat.read(path("etna_9n_3chan_10s.mseed"), row!.key, "2");
    expect(Array.from((p.data as Int32Array).subarray(0, 5))).toEqual([1696, 81, -89, -80, 107]);
  });

  it("reads a time selection equal to the same slice of a full read, across record borders", async () => {
    const file = path("geofon_9N_HSF.mseed");
    const [row] = await mseedFormat.scan(file, "2");
    const full = await mseedFormat.read(file, row!.key, "2");
    const part = await mseedFormat.read(file, row!.key, "2", { time: [5000, 250_123] });
    expect(part.shape).toEqual([1, 245_123]);
    expect(part.data).toEqual(full.data.subarray(5000, 250_123));
    const t = part.coords["time"]!;
    expect(t.kind === "range" && t.start).toBe((row!.coords["time"]!.min as bigint) + 5000n * 1_000_000n);
  });

  it("reads an empty selection as an empty patch", async () => {
    const file = path("etna_9n_3chan_10s.mseed");
    const [row] = await mseedFormat.scan(file, "2");
    const p = await mseedFormat.read(file, row!.key, "2", { channel: [0, 0] });
    expect(p.shape).toEqual([0, 13735]);
    expect(p.data.length).toBe(0);
  });
});
