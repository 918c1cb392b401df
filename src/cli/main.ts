#!/usr/bin/env node
// The `daspool` command: dispatches to one command per file in commands/, maps errors to exit
// codes (0 ok, 1 user error with a one-line message, 2 internal error with its stack, 130/143
// when SIGINT/SIGTERM interrupted the work).

import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { UsageError } from "./args.ts";
import type { Command, Io } from "./command.ts";
import { HELP, helpOf, mainUsage } from "./help.ts";

// Commands load on demand: `--help` and usage mistakes answer without loading the library.
const LOADERS: Record<string, () => Promise<Command>> = {
  index: async () => (await import("./commands/indexDir.ts")).indexCommand,
  contents: async () => (await import("./commands/contents.ts")).contentsCommand,
  query: async () => (await import("./commands/query.ts")).queryCommand,
  plot: async () => (await import("./commands/plot.ts")).plotCommand,
  formats: async () => (await import("./commands/formats.ts")).formatsCommand,
  worker: async () => (await import("./commands/worker.ts")).workerCommand,
};

function version(): string {
  // Walk up from this file (src/cli or dist/src/cli) to the package root.
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let k = 0; k < 5; k++, dir = dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name?: string; version?: string };
      if (pkg.name === "daspool") return pkg.version ?? "unknown";
    } catch {
      // not here; keep walking
    }
  }
  return "unknown";
}

function unknownCommand(name: string): UsageError {
  return new UsageError(`unknown command "${name}"; commands: ${HELP.map((c) => c.name).join(", ")} (see daspool --help)`);
}

const USER_FS_CODES = new Set(["ENOENT", "ENOTDIR", "EISDIR", "EACCES", "EPERM", "EEXIST", "EROFS", "ENOSPC"]);

/** Whether an error is the user's to fix (bad arguments, paths or data) rather than a bug. */
export async function isUserError(e: unknown): Promise<boolean> {
  if (e instanceof UsageError) return true;
  if (e instanceof (await import("../index.ts")).DaspoolError) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === "string" && USER_FS_CODES.has(code);
}

/**
 * Runs the CLI on `argv` (without `node` and the script) and returns the exit code.
 *
 * @example
 * ```ts
 * process.exitCode = await runCli(["contents", "shot.hdf5"], io);
 * ```
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const [first, ...rest] = argv;
  try {
    if (first === undefined || first === "--help" || first === "-h" || first === "help") {
      const topic = first === "help" ? HELP.find((c) => c.name === rest[0]) : undefined;
      if (first === "help" && rest[0] !== undefined && !topic) throw unknownCommand(rest[0]);
      if (first === undefined) {
        io.err(mainUsage());
        return 1;
      }
      io.out(topic ? topic.usage : mainUsage());
      return 0;
    }
    if (first === "--version" || first === "-v" || first === "-V") {
      io.out(`daspool ${version()}\n`);
      return 0;
    }
    const load = Object.hasOwn(LOADERS, first) ? LOADERS[first] : undefined;
    if (!load) throw unknownCommand(first);
    if (rest.includes("--help") || rest.includes("-h")) {
      io.out(helpOf(first).usage);
      return 0;
    }
    await (await load()).run(rest, io);
    return 0;
  } catch (e) {
    if (await isUserError(e)) {
      const err = e as Error;
      const name = err instanceof UsageError ? "" : `${err.name}: `;
      io.err(`daspool: ${name}${err.message.split("\n")[0]}\n`);
      return 1;
    }
    io.err(`daspool: internal error (please report it): ${(e as Error)?.stack ?? String(e)}\n`);
    return 2;
  }
}

async function main(): Promise<void> {
  const controller = new AbortController();
  let signalled: NodeJS.Signals | null = null;
  // Commands that honour the signal (index, query --out, worker) get a graceful first Ctrl-C: the
  // index update stops and keeps the previous index (exit 1); a worker finishes the jobs in hand.
  // The listener is gone afterwards, so a second Ctrl-C ends the process at once. Other commands keep Node's default (stop at once).
  const onSignal = (signal: NodeJS.Signals) => {
    signalled = signal;
    controller.abort();
  };
  const graceful = ["index", "query", "worker"].includes(process.argv[2] ?? "");
  if (graceful) {
    process.once("SIGINT", onSignal);
    process.once("SIGTERM", onSignal);
  }
  const io: Io = {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    errIsTTY: process.stderr.isTTY === true,
    signal: controller.signal,
  };
  // A closed pipe (e.g. `daspool contents dir | head`) is not an error.
  process.stdout.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(0);
  });
  const code = await runCli(process.argv.slice(2), io);
  // Interrupted work exits as the shell expects of a signal (128 + its number: 130 for Ctrl-C),
  // so scripts can tell an interruption from a failure.
  process.exitCode = signalled === null ? code : 128 + (signalled === "SIGINT" ? 2 : 15);
  process.off("SIGINT", onSignal);
  process.off("SIGTERM", onSignal);
}

// Run only as the entry point, so tests and docs scripts can import runCli and the usage texts.
if (process.argv[1] && fileURLToPath(import.meta.url) === (await import("node:fs")).realpathSync(process.argv[1])) {
  await main();
}
