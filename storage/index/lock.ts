// The updater lock: `<indexDir>/lock`, created with O_EXCL and holding pid, host and time; kept
// fresh by a heartbeat; broken when its holder is dead (same host) or it has not been touched
// for `staleMs`. Breaking goes through a second O_EXCL file so two waiters never both break it.
import { promises as fs } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { AbortError, DaspoolError } from "../../src/errors.ts";
import { tmpToken } from "./manifest.ts";

/** A held lock. */
export interface IndexLock {
  path: string;
  /** True while the lock file is still this holder's (false if another process broke it). */
  held(): Promise<boolean>;
  release(): Promise<void>;
}

/** Options of {@link acquireLock}. */
export interface LockOptions {
  timeoutMs?: number;
  /** A lock untouched for this long is stale (its heartbeat runs at a third of it). */
  staleMs?: number;
  signal?: AbortSignal;
  onWarning?: (message: string) => void;
}

interface LockBody {
  pid: number;
  host: string;
  time: string;
  token: string;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Why the lock file at `path` is stale, or null; an unparseable one is stale after `unreadableMs`. */
async function staleReason(path: string, staleMs: number, unreadableMs = staleMs): Promise<string | null> {
  let body: Partial<LockBody> = {};
  let mtimeMs: number;
  try {
    mtimeMs = (await fs.stat(path)).mtimeMs;
    body = JSON.parse(await fs.readFile(path, "utf8")) as Partial<LockBody>;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return null; // gone: just retry
    // Unparseable: a holder killed between create and write. Judge by age alone.
    mtimeMs = (await fs.stat(path).catch(() => null))?.mtimeMs ?? Date.now();
    if (Date.now() - mtimeMs > unreadableMs) return `it is unreadable and ${Math.round(Date.now() - mtimeMs)} ms old`;
    return null;
  }
  if (body.host === hostname() && typeof body.pid === "number" && body.pid !== process.pid && !pidAlive(body.pid)) {
    return `its holder (pid ${body.pid}) is dead`;
  }
  if (Date.now() - mtimeMs > staleMs) return `it was not refreshed for ${Math.round((Date.now() - mtimeMs) / 1000)} s`;
  return null;
}

async function tryCreate(path: string, body: LockBody): Promise<boolean> {
  try {
    const fh = await fs.open(path, "wx");
    try {
      await fh.writeFile(JSON.stringify(body));
    } finally {
      await fh.close();
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw e;
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A breaker lives for milliseconds; one older than this died mid-break. */
const BREAKER_STALE_MS = 10_000;
/** A breaker writes its body right after creating the file; one still empty after this is dead. */
const BREAKER_UNREADABLE_MS = 1_000;

/** Removes `lock.break` when the process holding it is dead (killed mid-break) or it is too old. */
async function clearDeadBreaker(breaker: string): Promise<void> {
  if (await staleReason(breaker, BREAKER_STALE_MS, BREAKER_UNREADABLE_MS)) await fs.rm(breaker, { force: true });
}

/** Removes a stale lock, holding `lock.break` so that a fresh lock is never removed by mistake. */
async function breakStale(path: string, staleMs: number, onWarning?: (m: string) => void): Promise<void> {
  const breaker = `${path}.break`;
  const mine: LockBody = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token: tmpToken() };
  if (!(await tryCreate(breaker, mine))) {
    await clearDeadBreaker(breaker);
    await sleep(20); // a live breaker finishes within milliseconds
    return;
  }
  try {
    const reason = await staleReason(path, staleMs); // re-check under the breaker
    if (reason) {
      await fs.rm(path, { force: true });
      onWarning?.(`removed a stale index lock ${path}: ${reason}`);
    }
  } finally {
    await fs.rm(breaker, { force: true });
  }
}

/**
 * Waits for and takes the update lock of an index folder (which must exist).
 * @throws DaspoolError after `timeoutMs`; AbortError when `signal` aborts.
 * @example
 * ```ts
 * const lock = await acquireLock("/data/.daspool");
 * try { ... } finally { await lock.release(); }
 * ```
 */
export async function acquireLock(indexDir: string, opts: LockOptions = {}): Promise<IndexLock> {
  const path = join(indexDir, "lock");
  const staleMs = opts.staleMs ?? 30_000;
  const deadline = Date.now() + (opts.timeoutMs ?? 600_000);
  const body: LockBody = { pid: process.pid, host: hostname(), time: new Date().toISOString(), token: tmpToken() };
  let wait = 20;
  while (!(await tryCreate(path, body))) {
    if (opts.signal?.aborted) throw new AbortError(`index update of ${indexDir} aborted while waiting for the lock`);
    if (await staleReason(path, staleMs)) await breakStale(path, staleMs, opts.onWarning);
    else if (Date.now() > deadline) throw new DaspoolError(`timed out waiting for the index lock ${path} (held by another updater)`);
    else {
      await sleep(wait);
      wait = Math.min(250, wait * 2);
    }
  }
  // A breaker killed mid-break leaves `lock.break` behind; once we hold the lock nobody else
  // is breaking it, so a dead holder's breaker can go.
  await clearDeadBreaker(`${path}.break`);
  const beat = setInterval(() => {
    const now = new Date();
    fs.utimes(path, now, now).catch(() => undefined);
  }, Math.max(50, staleMs / 3));
  beat.unref();
  const held = async () => {
    try {
      return (JSON.parse(await fs.readFile(path, "utf8")) as LockBody).token === body.token;
    } catch {
      return false;
    }
  };
  return {
    path,
    held,
    async release() {
      clearInterval(beat);
      if (await held()) await fs.rm(path, { force: true }); // else broken as stale: not ours to remove
    },
  };
}
