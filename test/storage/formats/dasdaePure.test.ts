// The pure-JS DASDAE scan (storage/formats/dasdaePure.ts) must give the libhdf5 scan's summaries
// exactly — dims, shape, dtype, attributes, coordinate summaries — on DASCore's fixtures and the
// real DASDAE file, and decline what it does not read (files daspool writes keep their many
// attributes in dense storage), which libhdf5 then scans as before. Its detection must agree with
// libhdf5's on every HDF5 file at hand, or decline. (DASCore's large files, with read recipes, are
// held against the libhdf5 path by the live interop suite.)
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { dasdae, detectDasdaeLibhdf5, scanDasdaeLibhdf5 } from "../../../storage/formats/dasdae.ts";
import { detectDasdaePure, scanDasdaePure } from "../../../storage/formats/dasdaePure.ts";
import { REAL, hdf5Files } from "../batteryCases.ts";

const FIXTURES = join(import.meta.dirname, "../../fixtures/dasdae");
let written = "";

beforeAll(async () => {
  written = mkdtempSync(join(tmpdir(), "daspool-dasdae-pure-"));
  const p = dc.getExamplePatch();
  await dc.write(p, join(written, "example.h5"), { format: "DASDAE" });
  await dc.write(p.new({ data: Float32Array.from(p.data as Float64Array) }), join(written, "float32.h5"), { format: "DASDAE" });
  await dc.write(p.updateAttrs({ station: "B0Ü", tag: "x", gauge_length: 10.5 } as never), join(written, "attrs.h5"), { format: "DASDAE" });
  await dc.write(dc.getExampleSpool(), join(written, "spool.h5"), { format: "DASDAE" });
  // large enough (≥ 1 MiB of samples) for a read recipe
  const big = dc.getExamplePatch().select({ distance: [0, 300] }, { samples: true });
  const n = big.shape[1]!;
  const data = new Float64Array(300 * n * 3);
  for (let i = 0; i < data.length; i++) data[i] = Math.sin(i / 7);
  const wide = new dc.Patch({ data, dims: ["distance", "time"], coords: { distance: dc.coordRange({ start: 0, step: 1, length: 300 }), time: dc.coordRange({ start: 0n, step: 4_000_000n, length: 3 * n }) }, attrs: { station: "S" } });
  await dc.write(wide, join(written, "big.h5"), { format: "DASDAE" });
});
afterAll(() => rmSync(written, { recursive: true, force: true }));

function same(a: unknown, b: unknown): boolean {
  const text = (v: unknown) => JSON.stringify(v, (_k, x: unknown) => (typeof x === "bigint" ? `${x}n` : ArrayBuffer.isView(x) ? Array.from(x as unknown as ArrayLike<number>, String) : x));
  return text(a) === text(b);
}

async function scanBoth(path: string): Promise<"declined" | "equal"> {
  const pure = scanDasdaePure(path);
  if (pure === undefined) return "declined";
  const libhdf5 = await scanDasdaeLibhdf5(path);
  expect(same(pure, libhdf5), path).toBe(true);
  return "equal";
}

describe("the pure-JS DASDAE scan", () => {
  it("equals libhdf5's summaries on every one of DASCore's fixtures", async () => {
    const files = hdf5Files(FIXTURES);
    const outcomes = await Promise.all(files.map(scanBoth));
    // (bool, float16 and complex data are not types the pure reader decodes: libhdf5 scans those)
    const answered = files.filter((_, i) => outcomes[i] === "equal").map((f) => f.split("/").at(-1));
    expect(answered.length).toBeGreaterThan(files.length - 4);
    expect(answered).toContain("default.h5");
  });

  it("equals libhdf5's on the real DASDAE file", async () => {
    expect(await scanBoth(join(REAL, "dispersion_event.h5"))).toBe("equal");
  });

  it("leaves files daspool writes to libhdf5 (their attributes are stored densely), which scans them as before", async () => {
    for (const f of ["example.h5", "float32.h5", "attrs.h5", "spool.h5", "big.h5"]) {
      expect(scanDasdaePure(join(written, f)), f).toBeUndefined();
      const viaFormat = await dasdae.scan(join(written, f), "1");
      expect(viaFormat.length, f).toBeGreaterThan(0);
      expect(same(viaFormat, await scanDasdaeLibhdf5(join(written, f))), f).toBe(true);
    }
    expect((await dasdae.scan(join(written, "big.h5"), "1"))[0]!.recipe?.offset).toBeGreaterThan(0);
  });

  it("detects as libhdf5 does on every HDF5 file at hand, or declines", async () => {
    let answered = 0;
    for (const f of [...hdf5Files(REAL), ...hdf5Files(FIXTURES)]) {
      const head = readFileSync(f).subarray(0, 4096);
      const probe = { path: f, size: head.length, head };
      const pure = detectDasdaePure(probe as never);
      if (pure === undefined) continue;
      answered++;
      expect(pure, f).toBe(await detectDasdaeLibhdf5(probe as never));
    }
    expect(answered).toBeGreaterThan(8);
  });
});
