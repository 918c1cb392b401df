// `daspool plot` as a child process on real files: the PNG it writes decodes to the requested
// size and is not blank; bad options and empty selections exit 1.

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { decodePng } from "../../../src/plot/png.ts";
import { cli, cliInProcess, REAL } from "./runCli.ts";

const tmp = mkdtempSync(join(tmpdir(), "daspool-plot-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function distinctColors(pixels: Uint8Array, channels: number): number {
  const seen = new Set<number>();
  for (let i = 0; i < pixels.length; i += channels) seen.add((pixels[i]! << 16) | (pixels[i + 1]! << 8) | pixels[i + 2]!);
  return seen.size;
}

describe.concurrent("daspool plot", { timeout: 600_000 }, () => {
  it("writes a waterfall PNG of a real file", async () => {
    const out = join(tmp, "shot.png");
    const r = await cli(["plot", join(REAL, "dispersion_event.h5"), "--out", out, "--width", "700", "--height", "420"]);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toBe(`wrote ${out} (700x420, 101 x 2500 samples)\n`);
    const img = decodePng(readFileSync(out));
    expect({ width: img.width, height: img.height }).toEqual({ width: 700, height: 420 });
    expect(distinctColors(img.pixels, img.channels)).toBeGreaterThan(50);
  });

  it("plots a selected part and names which of several patches it drew", async () => {
    const out = join(tmp, "fbe.png");
    const r = await cliInProcess(["plot", join(REAL, "prodml_fbe_1.h5"), "--patch", "1", "-o", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\(patch 1 of \d+; choose with --patch\)\n$/);
    const sel = await cliInProcess(["plot", join(REAL, "example_triggered_shot.hdf5"), "--select", "distance=500..600", "-o", join(tmp, "sel.png")]);
    expect(sel.stdout).toMatch(/\(900x560, 2080 x 61 samples\)\n$/);
    expect(decodePng(readFileSync(join(tmp, "sel.png"))).width).toBe(900);
  });

  it("merges the contiguous files of a generated archive into one image with --merge", async () => {
    const dir = join(tmp, "archive");
    mkdirSync(dir, { recursive: true });
    const patches = (await dc.getExampleSpool("random_das").collect()) as dc.Patch[];
    for (const [i, p] of patches.entries()) await dc.write(p, join(dir, `part${i}.h5`), { format: "DASDAE" });
    const one = await cliInProcess(["plot", dir, "--out", join(tmp, "one.png")]);
    expect(one.stdout).toMatch(/\(900x560, 300 x 2000 samples\) \(patch 0 of 3; choose with --patch\)\n$/);
    const merged = await cliInProcess(["plot", dir, "--merge", "--out", join(tmp, "merged.png")]);
    expect(merged).toMatchObject({ code: 0, stdout: `wrote ${join(tmp, "merged.png")} (900x560, 300 x 6000 samples)\n` });
  });

  it("exits 1 without --out, for a bad clip, an empty selection or a patch out of range", async () => {
    const shot = join(REAL, "example_triggered_shot.hdf5");
    const out = join(tmp, "x.png");
    const [noOut, clip, empty, range] = await Promise.all([
      cli(["plot", shot]),
      cliInProcess(["plot", shot, "--out", out, "--clip", "120"]),
      cliInProcess(["plot", shot, "--out", out, "--select", "distance=5000..6000"]),
      cliInProcess(["plot", shot, "--out", out, "--patch", "3"]),
    ]);
    expect(noOut).toMatchObject({ code: 1, stderr: "daspool: plot: missing --out FIG.png\n" });
    expect(clip).toMatchObject({ code: 1, stderr: 'daspool: --clip must be a percentile in (0, 100], got "120"\n' });
    expect(empty).toMatchObject({ code: 1, stderr: `daspool: plot: no patch in ${shot} matches the selection\n` });
    expect(range).toMatchObject({ code: 1, stderr: "daspool: plot: --patch 3 is out of range; the selection has 1 patch(es)\n" });
  });

  it("refuses an image type it cannot write, and passes colour options to dc.plot", async () => {
    const shot = join(REAL, "dispersion_event.h5");
    const jpg = await cliInProcess(["plot", shot, "--out", join(tmp, "x.jpg")]);
    expect(jpg).toEqual({ code: 1, stdout: "", stderr: `daspool: plot: can only write PNG images; --out must end in .png, got "${join(tmp, "x.jpg")}"\n` });
    const bad = await cliInProcess(["plot", shot, "--out", join(tmp, "c.png"), "--cmap", "jet"]);
    expect(bad.stderr).toMatch(/^daspool: ParameterError: unknown cmap "jet"/);
    const out = join(tmp, "opts.png");
    const r = await cliInProcess(["plot", shot, "--out", out, "--cmap", "gray", "--vmin", "-1e-4", "--vmax", "1e-4", "--demean", "--kind", "waterfall"]);
    expect(r.code).toBe(0);
    const viaApi = await dc.plot((await dc.read(shot))[0]!, { cmap: "gray", vmin: -1e-4, vmax: 1e-4, demean: true, kind: "waterfall", width: 900, height: 560 });
    expect(decodePng(readFileSync(out)).pixels).toEqual(decodePng(Buffer.from(viaApi)).pixels);
  });
});
