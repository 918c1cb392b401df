// The examples/ band-RMS batch job (issue 20) on a small generated archive: worker tasks with
// arguments over a directory give the RMS of the band, and the same numbers as a function task.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../src/index.ts";
import { bandRmsArchive } from "../../examples/bandRms/run.ts";
import { bandRms } from "../../examples/bandRms/tasks.ts";

const RATE = 200;
const CHANNELS = 8;
const T0 = 1_704_067_200_000_000_000n; // 2024-01-01

let dir: string;

/** Six 30 s files: channel c carries a 10 Hz sine of amplitude c + 1 (in band) and a 60 Hz sine of 5 (out of band). */
async function writeArchive(): Promise<void> {
  const n = 30 * RATE;
  for (let f = 0; f < 6; f++) {
    const data = new Float32Array(CHANNELS * n);
    for (let c = 0; c < CHANNELS; c++) {
      for (let i = 0; i < n; i++) {
        const t = (f * n + i) / RATE;
        data[c * n + i] = (c + 1) * Math.sin(2 * Math.PI * 10 * t) + 5 * Math.sin(2 * Math.PI * 60 * t);
      }
    }
    const patch = new dc.Patch({
      data,
      dims: ["distance", "time"],
      coords: {
        distance: dc.coordRange({ start: 0, step: 2, length: CHANNELS, units: "m" }),
        time: dc.coordRange({ start: T0 + BigInt(f * 30) * 1_000_000_000n, step: 5_000_000n, length: n }),
      },
      attrs: { network: "DP", station: "AAA", data_type: "strain_rate", data_category: "DAS" },
    });
    await dc.write(patch, join(dir, `AAA_${f}.h5`), { format: "DASDAE" });
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daspool-bandrms-"));
  await writeArchive();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("examples/bandRms", () => {
  it("gives one RMS per channel per minute, equal to the in-band sine's amplitude / √2", async () => {
    const rms = await bandRmsArchive(dir, { lo: 5, hi: 20, factor: 4, window: 60, workers: 2 });
    expect(rms.dims).toEqual(["distance", "time"]);
    expect(rms.shape).toEqual([CHANNELS, 3]);
    expect(rms.attrs.data_type).toBe("rms");
    const time = rms.getCoord("time");
    expect([time.min(), time.step]).toEqual([T0, 60_000_000_000n]); // each window's start
    for (let c = 0; c < CHANNELS; c++) {
      for (let m = 0; m < 3; m++) {
        // the 60 Hz tone is gone; the 10 Hz tone keeps its RMS (filter ripple and edges < 1 %)
        expect(rms.data[c * 3 + m]! / ((c + 1) / Math.SQRT2)).toBeCloseTo(1, 2);
      }
    }
  });

  it("matches the same task run in the calling thread", async () => {
    const args = { lo: 5, hi: 20, factor: 4 };
    const inThread = await dc
      .spool(dir)
      .chunk({ time: 60 })
      .map((p) => bandRms(p, args))
      .concatenate({ time: null })
      .get(0);
    const inWorkers = await bandRmsArchive(dir, { ...args, workers: 2 });
    expect(inWorkers.equals(inThread)).toBe(true);
  });
});
