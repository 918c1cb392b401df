// The CLI as a new user meets it (issue 22): typed --select values and numeric ranges on any
// numeric column, case-insensitive format names, numeric extra attributes, -v/--version,
// negative option values judged by the option, and exit 130 on Ctrl-C.

import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { cliInProcess, REAL, ROOT } from "./runCli.ts";

const tmp = mkdtempSync(join(tmpdir(), "daspool-cliuser-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SHOT = join(REAL, "dispersion_event.h5"); // DASDAE, time step 0.5 ms, distance step 1 m
const csv = (args: string[]) => cliInProcess([...args, "--format", "csv"]);

async function gaugeArchive(): Promise<string> {
  const dir = join(tmp, "gauges");
  const base = dc.getExamplePatch("random_das", { shape: [3, 10] });
  for (const [i, g] of [5, 10, 20].entries()) {
    await dc.write(base.updateAttrs({ gauge_length: g, station: `S${i}` }), join(dir, `f${i}.h5`), { format: "DASDAE" });
  }
  return dir;
}

describe("typed --select values", () => {
  it("compares durations and numbers on numeric columns, as values or ranges", async () => {
    const cols = ["--columns", "file_format"];
    expect((await csv(["contents", SHOT, "--select", "time_step=0.0005", ...cols])).stdout).toBe("file_format\nDASDAE\n");
    expect((await csv(["contents", SHOT, "--select", "time_step=500us", ...cols])).stdout).toBe("file_format\nDASDAE\n");
    expect((await csv(["contents", SHOT, "--select", "time_step=0.001", ...cols])).stdout).toBe("file_format\n");
    expect((await csv(["contents", SHOT, "--select", "time_step=0.0001..0.001", ...cols])).stdout).toBe("file_format\nDASDAE\n");
    expect((await csv(["contents", SHOT, "--select", "time_step=0.001..", ...cols])).stdout).toBe("file_format\n");
    expect((await csv(["contents", SHOT, "--select", "distance_step=0.5..2", ...cols])).stdout).toBe("file_format\nDASDAE\n");
  });

  it("matches format names case-insensitively, as dc.read does", async () => {
    const mseed = join(REAL, "etna_9n_3chan_10s.mseed");
    const r = await csv(["contents", mseed, "--select", "file_format=mseed", "--columns", "file_format"]);
    expect(r.stdout.split("\n")[1]).toBe("MSEED");
    expect((await csv(["contents", SHOT, "--select", "file_format=dasdae", "--columns", "file_format"])).stdout).toBe("file_format\nDASDAE\n");
    expect((await csv(["contents", SHOT, "--select", "file_format=das*", "--columns", "file_format"])).stdout).toBe("file_format\nDASDAE\n");
  });

  it("says which value is not a number", async () => {
    const r = await cliInProcess(["contents", SHOT, "--select", "distance_step=wide"]);
    expect(r).toMatchObject({ code: 1, stderr: 'daspool: --select distance_step: "wide" is not a number\n' });
  });
});

describe("numeric extra attributes", () => {
  it("are numbers in the contents and take numeric ranges in a directory", async () => {
    const dir = await gaugeArchive();
    const table = await dc.spool(dir).getContents();
    expect(String(table.schema.fields.find((f) => f.name === "gauge_length")?.type)).toBe("Float64");
    expect([...table.getChild("gauge_length")!.toArray()]).toEqual([5, 10, 20]);
    const r = await csv(["contents", dir, "--select", "gauge_length=6..25", "--columns", "station,gauge_length"]);
    expect(r.stdout).toBe("station,gauge_length\nS1,10\nS2,20\n");
    const one = await csv(["contents", dir, "--select", "gauge_length=10", "--columns", "station"]);
    expect(one.stdout).toBe("station\nS1\n");
  });
});

describe("flags", () => {
  it("prints the version for -v and --version", async () => {
    for (const flag of ["-v", "--version"]) {
      expect(await cliInProcess([flag])).toEqual({ code: 0, stdout: "daspool 0.1.0\n", stderr: "" });
    }
  });

  it("judges a negative --width by the option's rule, not as an ambiguous flag", async () => {
    const r = await cliInProcess(["plot", SHOT, "--out", join(tmp, "w.png"), "--width", "-5"]);
    expect(r).toEqual({ code: 1, stdout: "", stderr: 'daspool: --width must be an integer >= 1, got "-5"\n' });
  });

  it("exits 130 when Ctrl-C interrupts an index update", { timeout: 60_000 }, async () => {
    const dir = join(tmp, "locked");
    mkdirSync(join(dir, ".daspool"), { recursive: true });
    await dc.write(dc.getExamplePatch("random_das", { shape: [3, 10] }), join(dir, "a.h5"), { format: "DASDAE" });
    // Another live updater holds the lock, so the update waits until the signal arrives.
    const body = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token: "test" };
    writeFileSync(join(dir, ".daspool", "lock"), JSON.stringify(body));
    const child = spawn(process.execPath, ["--import", "tsx", resolve(ROOT, "src/cli/main.ts"), "index", dir, "--progress", "none"], { cwd: ROOT });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => void (stderr += d.toString()));
    await new Promise((r) => setTimeout(r, 4000));
    child.kill("SIGINT");
    const code = await new Promise<number | null>((r) => child.on("exit", (c) => r(c)));
    expect(code).toBe(130);
    expect(stderr).toMatch(/aborted/i);
  });
});
