// Atomic updates (issue 5): an updater killed with SIGKILL at several moments leaves an index that
// opens and is either the old or the new generation, never partial; the next update recovers
// (dead holder's lock broken, stray files removed) and never duplicates rows.
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countIndex, openIndex, queryIndex, updateIndex } from "../../../storage/index/index.ts";
import { isolateCache, SEC, T0, tempDir, writeDasdae } from "./helpers.ts";

const CHILD = resolve(import.meta.dirname, "fixtures/updateChild.ts");
const ROOT = resolve(import.meta.dirname, "../../..");
const N = 60;

let restoreCache: () => void;
let dir: string;
let cleanup: () => void;

/** Spawns the child updater; resolves when `marker` appears on stdout (then kills) or it exits. */
function runChild(args: string[], killAt: string | number | null): Promise<{ code: number | null; signal: string | null; out: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ["--import", "tsx", CHILD, ...args], { cwd: ROOT, env: process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const kill = () => child.kill("SIGKILL");
    if (typeof killAt === "number") setTimeout(kill, killAt);
    child.stdout.on("data", (b: Buffer) => {
      out += b.toString();
      if (typeof killAt === "string" && out.split("\n").includes(killAt)) kill();
    });
    child.stderr.on("data", (b: Buffer) => (err += b.toString()));
    child.on("error", fail);
    child.on("exit", (code, signal) => (code && code !== 0 ? fail(new Error(`child failed (${code}): ${err}`)) : done({ code, signal, out })));
  });
}

async function assertOldOrNew(): Promise<number> {
  const index = await openIndex(dir);
  const rows = await queryIndex(index);
  expect([1, N + 1]).toContain(rows.length);
  expect(await countIndex(index)).toBe(rows.length);
  expect(new Set(rows.map((r) => `${r.path}#${r.key}`)).size).toBe(rows.length);
  return rows.length;
}

beforeAll(async () => {
  restoreCache = isolateCache();
  ({ dir, cleanup } = tempDir());
  await writeDasdae(join(dir, "first.h5"), { t0: T0 });
  await updateIndex(dir); // the old generation: 1 row
  await writeDasdae(join(dir, "template.h5"), { t0: T0 + SEC, station: "T" });
  mkdirSync(join(dir, "batch"));
  for (let i = 0; i < N - 1; i++) copyFileSync(join(dir, "template.h5"), join(dir, "batch", `f${String(i).padStart(3, "0")}.h5`));
}, 120_000);

afterAll(() => {
  cleanup();
  restoreCache();
});

describe("a killed updater", () => {
  const moments: Array<[string, string | number]> = [
    ["mid-scan", `progress ${N / 2} ${N}`],
    ["after scanning, while writing Parquet", `progress ${N} ${N}`],
    ["just before the manifest rename", "before-commit"],
    ["at a random early moment", 400],
  ];
  for (const [when, marker] of moments) {
    it(`leaves the old index usable when killed ${when}`, async () => {
      const r = await runChild([dir, marker === "before-commit" ? "pause" : "run"], marker);
      expect(r.signal === "SIGKILL" || r.out.includes("done")).toBe(true);
      const rows = await assertOldOrNew();
      if (r.signal === "SIGKILL" && typeof marker === "string" && marker !== `progress ${N} ${N}`) expect(rows).toBe(1);
    }, 120_000);
  }

  it("is followed by an update that recovers the lock, cleans up and completes", async () => {
    const warnings: string[] = [];
    const rep = await updateIndex(dir, { onWarning: (m) => warnings.push(m), lockTimeoutMs: 20_000 });
    expect(rep.rows).toBe(N + 1);
    expect(await assertOldOrNew()).toBe(N + 1);
    const files = readdirSync(join(dir, ".daspool"));
    expect(files.filter((f) => f.endsWith(".parquet"))).toHaveLength(1);
    expect(files.filter((f) => f.endsWith(".tmp") || f.startsWith("lock"))).toEqual([]);
  }, 120_000);
});

describe("concurrent updaters", () => {
  it("two processes updating at once both succeed and produce one consistent index", async () => {
    copyFileSync(join(dir, "template.h5"), join(dir, "extra1.h5"));
    copyFileSync(join(dir, "template.h5"), join(dir, "extra2.h5"));
    const [a, b] = await Promise.all([runChild([dir, "run"], null), runChild([dir, "run"], null)]);
    expect(a.out).toMatch(/done/);
    expect(b.out).toMatch(/done/);
    const written = [a.out, b.out].filter((o) => o.includes("done true"));
    expect(written.length).toBeGreaterThanOrEqual(1);
    expect(await assertOldOrNewCount(N + 3)).toBe(N + 3);
  }, 120_000);

  it("two updaters in one process are serialised; the second finds nothing to do", async () => {
    copyFileSync(join(dir, "template.h5"), join(dir, "extra3.h5"));
    const [a, b] = await Promise.all([updateIndex(dir), updateIndex(dir)]);
    expect([a.written, b.written].sort()).toEqual([false, true]);
    expect([a.added, b.added].sort()).toEqual([0, 1]);
    expect(await assertOldOrNewCount(N + 4)).toBe(N + 4);
  }, 60_000);
});

async function assertOldOrNewCount(n: number): Promise<number> {
  const rows = await queryIndex(await openIndex(dir));
  expect(new Set(rows.map((r) => `${r.path}#${r.key}`)).size).toBe(rows.length);
  expect(rows.length).toBe(n);
  return rows.length;
}
