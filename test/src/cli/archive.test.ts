// Archives as users keep them (issue 22): read-only folders, sidecar files, include/exclude
// globs, an index gone stale, a chunk error that names its file, `worker` without bullmq, and a
// test run that never touches the user's cache.

import { execFile } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { cacheDir } from "../../../storage/index/mapping.ts";
import { indexStaleness } from "../../../storage/index/update.ts";
import { cli, cliInProcess, ROOT } from "./runCli.ts";

const tmp = mkdtempSync(join(tmpdir(), "daspool-archive-"));
chmodSync(tmp, 0o755); // the unprivileged child must reach the read-only archive inside
afterAll(() => {
  chmodSync(tmp, 0o755);
  rmSync(tmp, { recursive: true, force: true });
});

const T0 = 1_700_000_000_000_000_000n;

/** A small DASDAE file: 3 channels × 50 samples at 10 ms from `t0`, or on an uneven time axis. */
async function writeFile(path: string, opts: { t0?: bigint; station?: string; uneven?: boolean; step?: bigint } = {}): Promise<void> {
  const t0 = opts.t0 ?? T0;
  const nt = opts.uneven || opts.step ? 5 : 50;
  const time = opts.uneven
    ? BigInt64Array.from([0n, 1n, 3n, 7n, 8n].map((k) => t0 + k * 10_000_000n))
    : dc.coordRange({ start: t0, step: opts.step ?? 10_000_000n, length: nt });
  const p = new dc.Patch({ data: new Float64Array(3 * nt), dims: ["distance", "time"], coords: { distance: [0, 1, 2], time }, attrs: { station: opts.station ?? "S1" } });
  mkdirSync(resolve(path, ".."), { recursive: true });
  await dc.write(p, path, { format: "DASDAE" });
}

/** Runs `args` with node as an unprivileged user when this process is root (root ignores modes). */
function asUser(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const ids = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
  return new Promise((done) => {
    execFile(process.execPath, ["--import", "tsx", ...args], { cwd: ROOT, ...ids }, (error, stdout, stderr) => {
      done({ code: error ? (typeof error.code === "number" ? error.code : 2) : 0, stdout, stderr });
    });
  });
}

describe("archives as users keep them", { timeout: 300_000 }, () => {
  it("a read-only archive gives one daspool error naming --index-path / indexPath", async (ctx) => {
    // Root ignores file modes, so as root the children run as uid 65534, which must be able to
    // read this checkout; where it cannot (a checkout under /root), there is no read-only folder to test.
    if ((await asUser(["-e", "0"])).code !== 0) ctx.skip("running as root and uid 65534 cannot read the checkout to act as a non-root user");
    const ro = join(tmp, "readonly");
    await writeFile(join(ro, "a.h5"));
    chmodSync(ro, 0o555);
    const viaCli = await asUser([resolve(ROOT, "src/cli/main.ts"), "contents", ro]);
    expect(viaCli.code).toBe(1);
    expect(viaCli.stderr.trim().split("\n")).toHaveLength(1);
    expect(viaCli.stderr).toMatch(/^daspool: InvalidSpoolError: cannot write the index of .*readonly in .*\.daspool: it is not writable \(EACCES\); .*--index-path DIR/);

    const script = `import("${resolve(ROOT, "src/index.ts")}").then(async (dc) => {
      try { await dc.spool(${JSON.stringify(ro)}).count(); }
      catch (e) { process.stdout.write(e.name + (e instanceof dc.DaspoolError ? " daspool " : " raw ") + e.message); }
    })`;
    const viaApi = await asUser(["-e", script]);
    expect(viaApi.stdout).toMatch(/^InvalidSpoolError daspool cannot write the index .* indexPath \(dc\.spool\(dir, \{ indexPath \}\)\)/);

    // The remedy works: an index elsewhere.
    const indexPath = join(tmp, "ro-index");
    const ok = await cliInProcess(["contents", ro, "--index-path", indexPath, "--columns", "station", "--format", "csv"]);
    expect(ok).toMatchObject({ code: 0, stdout: "station\nS1\n" });
  });

  it("skips sidecar files and applies include/exclude globs, remembered by the index", async () => {
    const dir = join(tmp, "sidecars");
    await writeFile(join(dir, "a.h5"));
    await writeFile(join(dir, "b.h5"), { t0: T0 + 10n ** 9n, station: "S2" });
    await writeFile(join(dir, "scratch/c.h5"), { t0: T0 + 2n * 10n ** 9n, station: "S3" });
    for (const f of ["a.xml", "meta.json", "run.log", "x.tdms_index", "README.txt"]) writeFileSync(join(dir, f), "not DAS data");

    const first = await cliInProcess(["index", dir, "--progress", "none", "--exclude", "scratch/*"]);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("  files: 2 new, 0 changed, 0 deleted, 0 unchanged, 0 failed\n");
    expect(first.stdout).toContain("  skipped: 6 sidecar or excluded file(s)\n");

    // A later update without globs keeps the exclusion; a new include replaces it.
    const again = await dc.spool(dir).update();
    expect(again.lastUpdate).toMatchObject({ added: 0, unchanged: 2, skipped: 6, failed: [] });
    const only = await dc.spool(dir).update({ include: ["c.h5", "a.h5"] });
    expect(only.lastUpdate).toMatchObject({ added: 1, removed: 1, unchanged: 1 });
    const stations = (await only.getContents()).getChild("station")!.toArray();
    expect([...stations].sort()).toEqual(["S1", "S3"]);
  });

  it("takes include/exclude as spool options, used when the spool builds or updates the index", async () => {
    const dir = join(tmp, "spoolGlobs");
    await writeFile(join(dir, "keep/a.h5"));
    await writeFile(join(dir, "drop/b.h5"), { t0: T0 + 10n ** 9n, station: "S2" });
    const sp = dc.spool(dir, { exclude: ["drop/*"] });
    expect(await sp.count()).toBe(1); // the first use builds the index without drop/
    await writeFile(join(dir, "drop/c.h5"), { t0: T0 + 2n * 10n ** 9n, station: "S3" });
    const updated = await sp.update();
    expect(updated.lastUpdate).toMatchObject({ added: 0, skipped: 2 });
    expect(await dc.spool(dir).count()).toBe(1); // a later spool reads the same index
  });

  it("notices a stale index: new files warn, a deleted file's read error says why", async () => {
    const dir = join(tmp, "stale");
    await writeFile(join(dir, "a.h5"));
    await writeFile(join(dir, "b.h5"), { t0: T0 + 10n ** 9n, station: "S2" });
    expect((await cliInProcess(["index", dir, "--progress", "none"])).code).toBe(0);

    await writeFile(join(dir, "c.h5"), { t0: T0 + 2n * 10n ** 9n, station: "S3" });
    const listed = await cliInProcess(["contents", dir, "--columns", "station", "--format", "csv"]);
    expect(listed.stdout).toBe("station\nS1\nS2\n");
    expect(listed.stderr).toBe(`daspool: warning: the index of ${dir} is stale: 1 new (c.h5) file(s) since the last update; run \`daspool index ${dir}\`\n`);
    expect(await indexStaleness(dir)).toEqual({ added: ["c.h5"], missing: [], changed: [] });
    expect(await indexStaleness(dir, { maxRows: 1 })).toBeNull(); // too large to compare after every command

    unlinkSync(join(dir, "b.h5"));
    // The library says it too, without a walk: the read of the deleted file names the remedy.
    await expect(dc.spool(dir).select({ station: "S2" }).get(0)).rejects.toThrow(
      new RegExp(`^${join(dir, "b.h5")} no longer exists; if it was listed by a directory's index, the index is stale: bring it up to date with spool\\.update\\(\\)`),
    );
    const plotted = await cliInProcess(["plot", dir, "--select", "station=S2", "--out", join(tmp, "stale.png")]);
    expect(plotted.code).toBe(1);
    expect(plotted.stderr).toContain("is stale: 1 new (c.h5), 1 deleted (b.h5) file(s) since the last update; run `daspool index");
  });

  it("a chunk error names the file and how to leave it out", async () => {
    // A file sampled every 0.5 s cannot be cut into 0.2 s windows (SPEC §6.2: a length shorter
    // than one sample step raises ChunkError); the error must name that file, not "source 1".
    const dir = join(tmp, "coarse");
    await writeFile(join(dir, "even.h5"));
    await writeFile(join(dir, "day2/odd.h5"), { t0: T0 + 10n ** 9n, step: 500_000_000n });
    const r = await cliInProcess(["query", dir, "--chunk", "time=0.2"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("of file day2/odd.h5");
    expect(r.stderr).toContain("is shorter than one sample step");
    expect(r.stderr).toContain('it spans time 2023-11-14T22:13:21 to 2023-11-14T22:13:23');
    expect(r.stderr).toContain('update({ exclude: ["day2/odd.h5"] })');
    expect(r.stderr).not.toMatch(/source \d+/);
  });

  it("daspool worker without bullmq installed is a user error saying what to install", async () => {
    const hook = resolve(ROOT, "test/src/cli/fixtures/noBullmq.mjs");
    const r = await new Promise<{ code: number; stderr: string }>((done) => {
      execFile(process.execPath, ["--import", "tsx", "--import", hook, resolve(ROOT, "src/cli/main.ts"), "worker", "--redis", "redis://127.0.0.1:1"], { cwd: ROOT }, (e, _o, stderr) =>
        done({ code: e ? (typeof e.code === "number" ? e.code : 2) : 0, stderr }),
      );
    });
    expect(r).toEqual({ code: 1, stderr: "daspool: worker: the optional package bullmq is not installed; install it beside daspool with: npm install bullmq ioredis\n" });
  });

  it("tests never use the user's real cache", async () => {
    expect(process.env["XDG_CACHE_HOME"]?.startsWith(tmpdir())).toBe(true);
    expect(cacheDir().startsWith(join(homedir(), ".cache"))).toBe(false);
    const child = await cli(["--version"]);
    expect(child.code).toBe(0);
  });
});
