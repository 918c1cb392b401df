// `daspool index DIR`: brings a directory's index up to date with progress on stderr and a
// summary on stdout: new, changed, deleted and failed files (with reasons), files and patches indexed.

import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import * as dc from "../../index.ts";
import { onePath, parseCommand, UsageError } from "../args.ts";
import type { Command, Io } from "../command.ts";
import { helpOf } from "../help.ts";
import { Progress, type ProgressEvent, type ProgressMode } from "../progress.ts";

/** What the summary shows of an update (a subset of the library's update report). */
interface UpdateSummary {
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  skipped?: number;
  failed: readonly { path: string; reason: string }[];
}

function progressMode(value: unknown, io: Io): ProgressMode {
  if (value === undefined) return io.errIsTTY ? "bar" : "lines";
  if (value === "bar" || value === "lines" || value === "none") return value;
  throw new UsageError(`--progress must be bar, lines or none, got "${String(value)}"`);
}

function summaryLines(dir: string, seconds: number, last: ProgressEvent | null, report: UpdateSummary | null, table: { files: number; patches: number }): string {
  const lines = [`indexed ${dir} in ${seconds.toFixed(2)} s`];
  if (report) {
    lines.push(`  files: ${report.added} new, ${report.changed} changed, ${report.removed} deleted, ${report.unchanged} unchanged, ${report.failed.length} failed`);
  }
  if (report?.skipped) lines.push(`  skipped: ${report.skipped} sidecar or excluded file(s)`);
  const mb = last?.bytes !== undefined ? `, ${(last.bytes / 1e6).toFixed(1)} MB` : "";
  lines.push(`  scanned: ${last?.done ?? 0} file(s)${mb}`);
  lines.push(`  index: ${table.files} file(s), ${table.patches} patch(es)`);
  for (const f of report?.failed ?? []) lines.push(`  failed: ${f.path}: ${f.reason}`);
  return `${lines.join("\n")}\n`;
}

/** The --include/--exclude globs, when given (else the index keeps those it was built with). */
function globs(values: Record<string, unknown>): { include?: string[]; exclude?: string[] } {
  const out: { include?: string[]; exclude?: string[] } = {};
  if (Array.isArray(values.include)) out.include = values.include as string[];
  if (Array.isArray(values.exclude)) out.exclude = values.exclude as string[];
  return out;
}

/** The `index` command. */
export const indexCommand: Command = {
  ...helpOf("index"),
  async run(argv, io) {
    const { values, positionals } = parseCommand("index", argv, {
      "index-path": { type: "string" },
      progress: { type: "string" },
      include: { type: "string", multiple: true },
      exclude: { type: "string", multiple: true },
    });
    if (values.help) return io.out(helpOf("index").usage);
    const dir = resolve(onePath("index", positionals, "DIR"));
    const mode = progressMode(values.progress, io);
    const st = await stat(dir).catch(() => null);
    if (!st) throw new UsageError(`index: ${dir} does not exist`);
    if (!st.isDirectory()) throw new UsageError(`index: ${dir} is not a directory (use daspool contents for a file)`);

    const indexPath = typeof values["index-path"] === "string" ? resolve(values["index-path"]) : undefined;
    const sp = dc.spool(dir, indexPath ? { indexPath } : {});
    const progress = new Progress("indexing", mode, { write: (t) => io.err(t) });
    let last: ProgressEvent | null = null;
    let updated: dc.Spool;
    try {
      updated = await sp.update({
        ...globs(values),
        signal: io.signal,
        onProgress: (e) => {
          last = e;
          progress.update(e);
        },
        onWarning: (message) => {
          progress.finish();
          io.err(`daspool: warning: ${message}\n`);
        },
      });
    } finally {
      progress.finish();
    }
    const report: UpdateSummary | null = updated.lastUpdate;
    const contents = await updated.getContents();
    const paths = contents.getChild("path");
    const files = new Set<unknown>();
    for (let i = 0; paths && i < contents.numRows; i++) files.add(paths.get(i));
    io.out(summaryLines(dir, progress.finish(), last, report, { files: files.size, patches: contents.numRows }));
  },
};
