// `daspool index DIR`: brings a directory's index up to date with progress on stderr and a
// summary on stdout (files and patches indexed; changes and failures when the index reports them).

import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import * as dc from "../../index.ts";
import { onePath, parseCommand, UsageError } from "../args.ts";
import type { Command, Io } from "../command.ts";
import { Progress, type ProgressEvent, type ProgressMode } from "../progress.ts";

const usage = `Usage: daspool index DIR [options]

Scan DIR recursively and bring its index up to date: new files are added, changed files
(size or modification time) re-scanned, deleted files dropped; hidden files are skipped and
unreadable files reported. The index lives in DIR/.daspool unless --index-path says otherwise.

Options:
  --index-path P       keep the index in P (later commands on DIR find it)
  --progress MODE      bar (default on a terminal), lines (default otherwise) or none
  -h, --help           show this help
`;

/** What an index update reports when the library provides it (see the `onReport` option). */
interface UpdateSummary {
  added?: number;
  changed?: number;
  removed?: number;
  unchanged?: number;
  failed?: { path: string; reason: string }[];
}

function progressMode(value: unknown, io: Io): ProgressMode {
  if (value === undefined) return io.errIsTTY ? "bar" : "lines";
  if (value === "bar" || value === "lines" || value === "none") return value;
  throw new UsageError(`--progress must be bar, lines or none, got "${String(value)}"`);
}

function summaryLines(dir: string, seconds: number, last: ProgressEvent | null, report: UpdateSummary | null, table: { files: number; patches: number }): string {
  const lines = [`indexed ${dir} in ${seconds.toFixed(2)} s`];
  if (report) {
    const n = (v: number | undefined) => v ?? 0;
    lines.push(`  files: ${n(report.added)} new, ${n(report.changed)} changed, ${n(report.removed)} deleted, ${n(report.unchanged)} unchanged, ${report.failed?.length ?? 0} failed`);
  }
  if (last) lines.push(`  scanned: ${last.done} file(s)${last.bytes !== undefined ? `, ${(last.bytes / 1e6).toFixed(1)} MB` : ""}`);
  else if (!report) lines.push("  scanned: 0 files (index already up to date)");
  lines.push(`  index: ${table.files} file(s), ${table.patches} patch(es)`);
  for (const f of report?.failed ?? []) lines.push(`  failed: ${f.path}: ${f.reason}`);
  return `${lines.join("\n")}\n`;
}

/** The `index` command. */
export const indexCommand: Command = {
  name: "index",
  summary: "create or update a directory's index, with progress",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommand("index", argv, {
      "index-path": { type: "string" },
      progress: { type: "string" },
    });
    if (values.help) return io.out(usage);
    const dir = resolve(onePath("index", positionals, "DIR"));
    const mode = progressMode(values.progress, io);
    const st = await stat(dir).catch(() => null);
    if (!st) throw new UsageError(`index: ${dir} does not exist`);
    if (!st.isDirectory()) throw new UsageError(`index: ${dir} is not a directory (use daspool contents for a file)`);

    const indexPath = typeof values["index-path"] === "string" ? resolve(values["index-path"]) : undefined;
    const sp = dc.spool(dir, indexPath ? { indexPath } : {});
    const progress = new Progress("indexing", mode, { write: (t) => io.err(t) });
    let last: ProgressEvent | null = null;
    let report: UpdateSummary | null = null;
    // `onReport` is read by index implementations that report what changed; others ignore it.
    const options = {
      signal: io.signal,
      onProgress: (e: ProgressEvent) => {
        last = e;
        progress.update(e);
      },
      onReport: (r: UpdateSummary) => {
        report = r;
      },
    };
    let updated: dc.Spool;
    try {
      updated = await sp.update(options);
    } finally {
      progress.finish();
    }
    const contents = await updated.getContents();
    const paths = contents.getChild("path");
    const files = new Set<unknown>();
    for (let i = 0; paths && i < contents.numRows; i++) files.add(paths.get(i));
    io.out(summaryLines(dir, progress.finish(), last, report, { files: files.size, patches: contents.numRows }));
  },
};
