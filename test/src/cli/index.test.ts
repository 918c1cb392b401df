// `daspool index` as a child process on a temporary copy of real files: summary of new, changed,
// deleted and failed files, progress lines on a non-terminal, an incremental second run.

import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { cli, cliInProcess, REAL, ROOT } from "./runCli.ts";

const tmp = mkdtempSync(join(tmpdir(), "daspool-index-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("daspool index", { timeout: 600_000 }, () => {
  it("indexes a directory, then updates it incrementally", async () => {
    const dir = join(tmp, "archive");
    const sub = join(dir, "day1");
    for (const d of [dir, sub]) rmSync(d, { recursive: true, force: true });
    await import("node:fs/promises").then((fs) => fs.mkdir(sub, { recursive: true }));
    copyFileSync(join(REAL, "dispersion_event.h5"), join(dir, "dispersion_event.h5"));
    copyFileSync(join(REAL, "example_triggered_shot.hdf5"), join(sub, "shot.hdf5"));
    writeFileSync(join(dir, "notes.dat"), "field notes, not DAS data");

    const first = await cli(["index", dir]);
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(new RegExp(`^indexed ${dir} in [\\d.]+ s\\n`));
    expect(first.stdout).toContain("  files: 3 new, 0 changed, 0 deleted, 0 unchanged, 1 failed\n");
    expect(first.stdout).toContain("  index: 2 file(s), 2 patch(es)\n");
    expect(first.stdout).toMatch(/ {2}failed: notes\.dat: UnknownFormatError: /);
    expect(first.stderr).toMatch(/^indexing: 3\/3 files {2}[\d.]+ MB {2}[\d.]+ MB\/s {2}ETA 0:00$/m);

    const contents = await cliInProcess(["contents", dir, "--columns", "path,file_format", "--format", "csv"]);
    expect(contents.stdout).toBe("path,file_format\ndispersion_event.h5,DASDAE\nday1/shot.hdf5,TERRA15\n");

    unlinkSync(join(dir, "notes.dat"));
    const second = await cliInProcess(["index", dir, "--progress", "none"]);
    expect(second).toMatchObject({ code: 0, stderr: "" });
    expect(second.stdout).toContain("  files: 0 new, 0 changed, 1 deleted, 2 unchanged, 0 failed\n");
    expect(second.stdout).toContain("  scanned: 0 file(s)\n");
  });

  it("indexes a generated archive that query then chunks and writes", async () => {
    const dir = join(tmp, "generated");
    mkdirSync(join(dir, "das2"), { recursive: true });
    const a = (await dc.getExampleSpool("random_das", { station: "A" }).collect()) as dc.Patch[];
    const b = (await dc.getExampleSpool("random_das", { station: "B", length: 1 }).collect()) as dc.Patch[];
    for (const [i, p] of a.entries()) await dc.write(p, join(dir, `a${i}.h5`), { format: "DASDAE" });
    await dc.write(b[0]!, join(dir, "das2", "b0.h5"), { format: "DASDAE" });

    const indexed = await cli(["index", dir, "--progress", "none"]);
    expect(indexed).toMatchObject({ code: 0, stderr: "" });
    expect(indexed.stdout).toContain("  index: 4 file(s), 4 patch(es)\n");

    const windows = await cliInProcess(["query", dir, "--select", "station=A", "--chunk", "time=5,overlap=1", "--format", "csv", "--columns", "station,time_min"]);
    expect(windows.stdout).toBe(
      ["station,time_min", "A,2020-01-03", ...[4, 8, 12, 16].map((s) => `A,2020-01-03T00:00:${String(s).padStart(2, "0")}`)].join("\n") + "\n",
    );
    const out = join(tmp, "generated-out");
    const written = await cliInProcess(["query", dir, "--select", "station=A", "--chunk", "time=5,overlap=1", "--out", out]);
    expect(written.code).toBe(0);
    expect(readdirSync(out)).toHaveLength(5);
    const [first] = await dc.read(join(out, readdirSync(out).sort()[0]!));
    expect(first!.shape).toEqual([300, 1250]);

    const contents = await cliInProcess(["contents", dir, "--format", "json", "--columns", "station,path"]);
    expect(contents.code).toBe(0);
    expect(JSON.parse(contents.stdout).map((r: { station: string; path: string }) => `${r.station}:${r.path}`).sort()).toEqual([
      "A:a0.h5",
      "A:a1.h5",
      "A:a2.h5",
      "B:das2/b0.h5",
    ]);
    const png = join(tmp, "generated.png");
    const plotted = await cliInProcess(["plot", dir, "--select", "station=A", "--merge", "-o", png]);
    expect(plotted.code).toBe(0);
    expect(readFileSync(png).subarray(1, 4).toString()).toBe("PNG");
  });

  it("keeps the index elsewhere with --index-path", async () => {
    const dir = join(tmp, "small");
    const idx = join(tmp, "elsewhere");
    await import("node:fs/promises").then((fs) => fs.mkdir(dir, { recursive: true }));
    copyFileSync(join(REAL, "dispersion_event.h5"), join(dir, "a.h5"));
    const r = await cliInProcess(["index", dir, "--index-path", idx, "--progress", "none"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("  index: 1 file(s), 1 patch(es)\n");
    const plot = await cliInProcess(["plot", dir, "--index-path", idx, "--out", join(tmp, "a.png")]);
    expect(plot.code).toBe(0);
  });

  it("stops cleanly on Ctrl-C, keeping no lock and no half-written index (exit 130)", async () => {
    const dir = join(tmp, "many");
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 60; i++) copyFileSync(join(REAL, "dispersion_event.h5"), join(dir, `f${String(i).padStart(2, "0")}.h5`));
    const child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/main.ts"), "index", dir], { cwd: ROOT });
    let stderr = "";
    let stdout = "";
    let sent = false; // one Ctrl-C only: a second one ends the process at once, by design
    child.stdout.on("data", (b: Buffer) => void (stdout += b.toString()));
    child.stderr.on("data", (b: Buffer) => {
      stderr += b.toString();
      if (!sent && stderr.includes("indexing: ")) sent = child.kill("SIGINT");
    });
    const code = await new Promise<number | null>((done) => child.on("close", (c) => done(c)));
    expect(code).toBe(130);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/\ndaspool: AbortError: index update .* aborted; the previous index is unchanged\n$/);
    const indexDir = join(dir, ".daspool");
    expect(existsSync(indexDir) ? readdirSync(indexDir) : []).toEqual([]);
  });

  it("exits 1 for a missing directory, a file, or a bad --progress", async () => {
    const [missing, file, mode] = await Promise.all([
      cli(["index", join(tmp, "nope")]),
      cliInProcess(["index", join(REAL, "dispersion_event.h5")]),
      cliInProcess(["index", tmp, "--progress", "fancy"]),
    ]);
    expect(missing).toMatchObject({ code: 1, stderr: `daspool: index: ${join(tmp, "nope")} does not exist\n` });
    expect(file.code).toBe(1);
    expect(file.stderr).toMatch(/is not a directory \(use daspool contents for a file\)\n$/);
    expect(mode).toMatchObject({ code: 1, stderr: 'daspool: --progress must be bar, lines or none, got "fancy"\n' });
  });
});
