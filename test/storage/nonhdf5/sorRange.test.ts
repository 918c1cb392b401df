// SR-4731 FxdParams consistency (storage/formats/sor/index.ts): the acquisition range must equal
// points × data spacing; in a file without a checksum a contradiction is warned about, with the
// exact byte of fuzz variant seed 18 #3847 (data spacing 62502 → 16774182).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { read } from "../../../src/index.ts";
import { REAL } from "./battery.ts";

const work = mkdtempSync(join(tmpdir(), "daspool-sorrange-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function copy(name: string, edit: (b: Uint8Array) => void): string {
  const bytes = new Uint8Array(readFileSync(join(REAL, name)));
  edit(bytes);
  const path = join(work, `${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(path, bytes);
  return path;
}

describe("SR-4731 acquisition range against data spacing × points", () => {
  it("#3847 byteset @288: a damaged data spacing reads with a warning naming both fields", async () => {
    const path = copy("ofl100_3.sor", (b) => void (b[288] = 0xff));
    const warnings: string[] = [];
    const [p] = await read(path, { onWarning: (w) => warnings.push(w) });
    expect(p!.attrs["sample_spacing_usec"]).toBeCloseTo(0.16774182, 12);
    expect(warnings).toEqual([
      `${path}: SR4731: FxdParams acquisition range 102403 (100 ps) contradicts data spacing × points = 27482819.7888 at offset 286; the file has no checksum to tell which is damaged, distances use the data spacing`,
    ]);
  });

  it("a damaged acquisition range is warned about too (the distances are then right)", async () => {
    const path = copy("ofl100_1.sor", (b) => void (b[266 + 42] ^= 0x10));
    const warnings: string[] = [];
    const [p] = await read(path, { onWarning: (w) => warnings.push(w) });
    expect(p!.attrs["sample_spacing_usec"]).toBe(0.00125003);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/acquisition range 1253381 \(100 ps\) contradicts data spacing × points = 204804.9152/);
  });

  it.each(["ofl100_1.sor", "ofl100_3.sor"])("the undamaged %s reads without a warning", async (name) => {
    const warnings: string[] = [];
    await read(join(REAL, name), { onWarning: (w) => warnings.push(w) });
    expect(warnings).toEqual([]);
  });
});
