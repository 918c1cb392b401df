// Runs the daspool CLI as a child process (so its output goes to the child's pipes, never to
// this process's console), or in process with captured streams for the many small variants.

import { execFile } from "node:child_process";
import { availableParallelism } from "node:os";
import { resolve } from "node:path";
import { runCli } from "../../../src/cli/main.ts";

/** The repository root (the CLI runs from here). */
export const ROOT = resolve(import.meta.dirname, "../../..");

/** The real example files shared by every session (read-only). */
export const REAL = resolve(ROOT, "../shared/data/real");

/** What one CLI run produced. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

// Each child loads tsx and the library; running more at once than there are cores only makes
// every one of them slower, so children queue here.
const slots = Math.max(1, availableParallelism());
let running = 0;
const waiting: (() => void)[] = [];

async function withSlot<T>(job: () => Promise<T>): Promise<T> {
  if (running >= slots) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    return await job();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** `node --import tsx src/cli/main.ts ...args`, resolved when the child exits. */
export function cli(args: readonly string[], options: { cwd?: string } = {}): Promise<CliResult> {
  return withSlot(
    () =>
      new Promise((done) => {
        execFile(
          process.execPath,
          ["--import", "tsx", resolve(ROOT, "src/cli/main.ts"), ...args],
          { cwd: options.cwd ?? ROOT, maxBuffer: 64 * 1024 * 1024 },
          (error, stdout, stderr) => {
            const code = error ? (typeof error.code === "number" ? error.code : 2) : 0;
            done({ code, stdout, stderr });
          },
        );
      }),
  );
}

/** The CLI in this process with captured output (stderr is not a terminal). */
export async function cliInProcess(args: readonly string[]): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(args, {
    out: (t) => void (stdout += t),
    err: (t) => void (stderr += t),
    errIsTTY: false,
    signal: new AbortController().signal,
  });
  return { code, stdout, stderr };
}
