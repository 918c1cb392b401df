// The updater lock (issue 5): exclusive, released on exit, broken when its holder is dead or it is
// stale, and waited for (with a timeout) while it is fresh.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DaspoolError } from "../../../src/errors.ts";
import { acquireLock } from "../../../storage/index/lock.ts";
import { tempDir } from "./helpers.ts";

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

function deadPid(): number {
  return spawnSync(process.execPath, ["-e", ""]).pid!;
}

function writeLock(pid: number, ageMs = 0, name = "lock"): void {
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify({ pid, host: hostname(), time: new Date().toISOString(), token: "x" }));
  const t = new Date(Date.now() - ageMs);
  utimesSync(path, t, t);
}

describe("acquireLock", () => {
  it("is exclusive and released", async () => {
    const a = await acquireLock(dir);
    const order: string[] = [];
    const b = acquireLock(dir).then((l) => (order.push("b"), l));
    await new Promise((r) => setTimeout(r, 100));
    order.push("a-release");
    await a.release();
    await (await b).release();
    expect(order).toEqual(["a-release", "b"]);
    expect(existsSync(join(dir, "lock"))).toBe(false);
  });

  it("breaks the lock of a dead process on this host, with a warning", async () => {
    writeLock(deadPid());
    const warnings: string[] = [];
    const l = await acquireLock(dir, { onWarning: (m) => warnings.push(m), timeoutMs: 2000 });
    await l.release();
    expect(warnings.join()).toMatch(/stale.*is dead/);
  });

  it("breaks a lock that was not refreshed for staleMs even if its pid lives", async () => {
    writeLock(process.ppid, 60_000);
    const warnings: string[] = [];
    const l = await acquireLock(dir, { staleMs: 5_000, onWarning: (m) => warnings.push(m), timeoutMs: 2000 });
    await l.release();
    expect(warnings.join()).toMatch(/not refreshed/);
  });

  it("waits for a fresh lock of a live process and times out", async () => {
    writeLock(process.ppid);
    await expect(acquireLock(dir, { timeoutMs: 300 })).rejects.toThrow(DaspoolError);
    await expect(acquireLock(dir, { timeoutMs: 300 })).rejects.toThrow(/timed out waiting for the index lock/);
  });

  it("clears the breaker file of a process killed while breaking a stale lock", async () => {
    // The breaker died after removing the stale lock: the next updater takes the lock at once.
    writeLock(deadPid(), 0, "lock.break");
    const l = await acquireLock(dir, { timeoutMs: 2000 });
    expect(existsSync(join(dir, "lock.break"))).toBe(false);
    await l.release();
  });

  it("clears an empty breaker file (killed between creating and writing it) once it is a second old", async () => {
    const breaker = join(dir, "lock.break");
    writeFileSync(breaker, "");
    const l = await acquireLock(dir, { timeoutMs: 2000 });
    expect(existsSync(breaker)).toBe(true); // young: it may be a live breaker about to write
    await l.release();
    const t = new Date(Date.now() - 2000);
    utimesSync(breaker, t, t);
    await (await acquireLock(dir, { timeoutMs: 2000 })).release();
    expect(existsSync(breaker)).toBe(false);
  });

  it("breaks an empty lock file (holder killed before writing it) once it is staleMs old", async () => {
    const path = join(dir, "lock");
    writeFileSync(path, "");
    const t = new Date(Date.now() - 6000);
    utimesSync(path, t, t);
    const warnings: string[] = [];
    await (await acquireLock(dir, { staleMs: 5000, timeoutMs: 2000, onWarning: (m) => warnings.push(m) })).release();
    expect(warnings.join()).toMatch(/stale index lock .*unreadable/);
  });

  it("breaks a dead holder's lock at once when a dead breaker is also left behind", async () => {
    writeLock(deadPid());
    writeLock(deadPid(), 0, "lock.break");
    const warnings: string[] = [];
    const started = Date.now();
    const l = await acquireLock(dir, { onWarning: (m) => warnings.push(m), timeoutMs: 5000 });
    await l.release();
    expect(Date.now() - started).toBeLessThan(5000); // not the 10 s a breaker is given to finish
    expect(warnings.join()).toMatch(/is dead/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it("keeps its own lock fresh with a heartbeat", async () => {
    const l = await acquireLock(dir, { staleMs: 300 });
    await new Promise((r) => setTimeout(r, 700));
    await expect(acquireLock(dir, { staleMs: 300, timeoutMs: 200 })).rejects.toThrow(/timed out/);
    await l.release();
  });
});
