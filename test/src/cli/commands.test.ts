// The daspool CLI end to end, as a child process on the real files in ../shared/data/real:
// help texts, formats, contents, query (explain and DASDAE output), exit codes.

import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { ALL_FORMATS } from "../../../storage/formats/all.ts";
import { HELP as COMMANDS } from "../../../src/cli/help.ts";
import { runCli } from "../../../src/cli/main.ts";
import { cli, cliInProcess, REAL } from "./runCli.ts";

const SHOT = join(REAL, "example_triggered_shot.hdf5");
const FBE = join(REAL, "prodml_fbe_1.h5");
const tmp = mkdtempSync(join(tmpdir(), "daspool-cli-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe.concurrent("daspool help and exit codes", { timeout: 600_000 }, () => {
  it("prints the command list for --help and exits 0", async () => {
    const r = await cli(["--help"]);
    expect(r.code).toBe(0);
    for (const c of COMMANDS) expect(r.stdout).toContain(`  ${c.name}`);
  });

  it("prints each command's usage for <command> --help", async () => {
    const results = await Promise.all(COMMANDS.map((c) => cli([c.name, "--help"])));
    results.forEach((r, k) => {
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(COMMANDS[k]!.usage);
      expect(r.stdout).toMatch(new RegExp(`^Usage: daspool ${COMMANDS[k]!.name}`));
    });
  });

  it("exits 1 with usage on stderr when no command is given", async () => {
    const r = await cli([]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("Usage: daspool <command>");
  });

  it("exits 1 with one line for an unknown command, an unknown option and a missing PATH", async () => {
    const [cmd, opt, path] = await Promise.all([cli(["frobnicate"]), cli(["contents", SHOT, "--bogus"]), cli(["query"])]);
    expect(cmd).toMatchObject({ code: 1, stdout: "" });
    expect(cmd.stderr).toBe('daspool: unknown command "frobnicate"; commands: index, contents, query, plot, formats, worker (see daspool --help)\n');
    expect(opt).toMatchObject({ code: 1, stderr: "daspool: contents: Unknown option '--bogus'\n" });
    expect(path).toMatchObject({ code: 1, stderr: "daspool: query: missing PATH (see daspool query --help)\n" });
  });

  it("exits 1 naming a path that does not exist", async () => {
    const missing = join(tmp, "nope.h5");
    const r = await cli(["contents", missing]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(`daspool: InvalidSpoolError: could not get spool from ${missing}: the path may not exist\n`);
  });

  it("exits 1 for a file no format recognises", async () => {
    const junk = join(tmp, "junk.h5");
    writeFileSync(junk, "not a DAS file");
    const r = await cli(["contents", junk]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^daspool: UnknownFormatError: .*junk\.h5/);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
  });

  it("treats names of Object's own properties as unknown commands", async () => {
    const r = await cliInProcess(["constructor"]);
    expect(r).toMatchObject({ code: 1, stdout: "" });
    expect(r.stderr).toMatch(/^daspool: unknown command "constructor"/);
  });

  it("exits 2 with the stack for an internal error", async () => {
    let err = "";
    const code = await runCli(["formats"], {
      out: () => {
        throw new TypeError("stdout exploded");
      },
      err: (t) => void (err += t),
      errIsTTY: false,
      signal: new AbortController().signal,
    });
    expect(code).toBe(2);
    expect(err).toMatch(/^daspool: internal error \(please report it\): TypeError: stdout exploded\n\s+at /);
  });

  it("prints the version", async () => {
    expect((await cli(["--version"])).stdout).toMatch(/^daspool \d+\.\d+\.\d+\n$/);
  });
});

describe.concurrent("daspool formats", { timeout: 600_000 }, () => {
  it("lists every registered format with its versions", async () => {
    const r = await cli(["formats", "--format", "json"]);
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { format: string; versions: string }[];
    expect(rows.map((x) => x.format)).toEqual(ALL_FORMATS.map((f) => f.name));
    expect(rows.find((x) => x.format === "TERRA15")?.versions).toBe(ALL_FORMATS.find((f) => f.name === "TERRA15")!.versions.join(", "));
  });

  it("prints an aligned table by default", async () => {
    const r = await cli(["formats"]);
    expect(r.stdout.split("\n")[0]).toMatch(/^format\s+versions\s+extensions\s+writable$/);
    expect(r.stdout).toMatch(/\nDASDAE\s+1\s+\.h5, \.hdf5\s+yes\n/);
  });
});

describe.concurrent("daspool contents", { timeout: 600_000 }, () => {
  it("prints exact ISO times and steps from the Arrow buffers", async () => {
    const r = await cli(["contents", SHOT, "--format", "json"]);
    expect(r.code).toBe(0);
    const [row] = JSON.parse(r.stdout) as Record<string, unknown>[];
    const table = await dc.spool(SHOT).getContents();
    const tmin = (table.getChild("time_min")!.data[0]!.values as BigInt64Array)[0]!;
    expect(row).toMatchObject({
      time_min: dc.formatDatetime64(tmin),
      time_max: "2023-01-27T05:54:05.715915836",
      time_step: "0.001000004s",
      file_format: "TERRA15",
      path: "example_triggered_shot.hdf5",
      distance_min: table.getChild("distance_min")!.get(0),
    });
  });

  it("applies range selections with open ends", async () => {
    const r = await cliInProcess([
      "contents", SHOT, "--select", "distance=500..600", "--select", "time=2023-01-27T05:54:04..",
      "--columns", "time_min,distance_min,distance_max", "--format", "csv",
    ]);
    expect(r.code).toBe(0);
    const t = await dc.spool(SHOT).select({ distance: [500, 600], time: ["2023-01-27T05:54:04", null] }).getContents();
    const d = (name: string) => String(t.getChild(name)!.get(0));
    expect(r.stdout).toBe(`time_min,distance_min,distance_max\n2023-01-27T05:54:04.000908976,${d("distance_min")},${d("distance_max")}\n`);
    expect(Number(d("distance_min"))).toBeCloseTo(501.49, 2);
  });

  it("lists one row per band of a multi-patch file and filters with globs and sets", async () => {
    const all = await cliInProcess(["contents", FBE, "--format", "csv", "--columns", "path"]);
    const n = all.stdout.trim().split("\n").length - 1;
    expect(n).toBeGreaterThan(1);
    const none = await cliInProcess(["contents", FBE, "--select", "file_format=TERRA*,DASDAE", "--format", "csv", "--columns", "path"]);
    expect(none.stdout).toBe("path\n");
    const some = await cliInProcess(["contents", FBE, "--select", "file_format=PROD*", "--format", "csv", "--columns", "path"]);
    expect(some.stdout.trim().split("\n")).toHaveLength(n + 1);
  });

  it("hides all-empty columns in the table format", async () => {
    const r = await cliInProcess(["contents", SHOT]);
    const header = r.stdout.split("\n")[0]!;
    expect(header).toMatch(/^data_type\s+data_category/);
    expect(header).not.toMatch(/\bstation\b/);
  });

  it("exits 1 for an unknown select key, a bad format or an unknown column", async () => {
    const [key, fmt, col] = await Promise.all([
      cliInProcess(["contents", SHOT, "--select", "colour=red"]),
      cliInProcess(["contents", SHOT, "--format", "xml"]),
      cliInProcess(["contents", SHOT, "--columns", "nope"]),
    ]);
    expect(key.code).toBe(1);
    expect(key.stderr).toMatch(/^daspool: ParameterError: .*'colour'.*valid keys/);
    expect(fmt).toMatchObject({ code: 1, stderr: 'daspool: --format must be one of table, csv, json, got "xml"\n' });
    expect(col.code).toBe(1);
    expect(col.stderr).toMatch(/^daspool: unknown column nope; columns are data_type/);
  });
});

describe.concurrent("daspool query", { timeout: 600_000 }, () => {
  const args = [SHOT, "--select", "distance=500..600", "--chunk", "time=0.5,overlap=0.1"];

  it("explains the plan with the hyperslab of every output", async () => {
    const r = await cli(["query", ...args, "--explain"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("== Logical plan ==\nChunk: time=0.5s overlap=0.1s\n  Select: distance=[500, 600]");
    expect(r.stdout).toContain("Outputs: 4");
    expect(r.stdout).toContain("hyperslab distance[56:117) time[400:899)");
  });

  it("lists the planned outputs without --out", async () => {
    const r = await cliInProcess(["query", ...args, "--format", "csv", "--columns", "time_min,time_max"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(5);
    expect(r.stdout.split("\n")[1]).toBe("2023-01-27T05:54:03.63690752,2023-01-27T05:54:04.134909512");
  });

  it("writes each output patch as a DASDAE file that reads back equal", async () => {
    const out = join(tmp, "windows");
    const r = await cli(["query", ...args, "--analyze", "--out", out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("== Analyze ==");
    expect(r.stdout).toMatch(/wrote 4 patches to .*windows in [\d.]+ s\n$/);
    const files = readdirSync(out).sort();
    expect(files).toEqual([
      "0000_2023-01-27T05-54-03.63690752.h5",
      "0001_2023-01-27T05-54-04.03690912.h5",
      "0002_2023-01-27T05-54-04.43691072.h5",
      "0003_2023-01-27T05-54-04.83691232.h5",
    ]);
    expect(await dc.getFormat(join(out, files[1]!))).toEqual({ format: "DASDAE", version: "1" });
    const [written] = await dc.read(join(out, files[1]!));
    const expected = (await dc.spool(SHOT).select({ distance: [500, 600] }).chunk({ time: 0.5, overlap: 0.1 }).get(1)) as dc.Patch;
    // DASDAE stores distance as an explicit array, so its step comes back within float rounding.
    expect(written!.equals(expected, { close: true })).toBe(true);
    expect(written!.data).toEqual(expected.data);
  });

  it("exits 1 with the library's message for impossible chunks and bad specs", async () => {
    const [long, overlap, spec, both] = await Promise.all([
      cliInProcess(["query", SHOT, "--chunk", "time=30"]),
      cliInProcess(["query", SHOT, "--chunk", "time=0.5,overlap=1"]),
      cliInProcess(["query", SHOT, "--chunk", "time"]),
      cliInProcess(["query", SHOT, "--explain", "--analyze"]),
    ]);
    expect(long).toMatchObject({ code: 1, stderr: "daspool: ChunkError: Could not chunk. No segments with sufficient length found.\n" });
    expect(overlap.code).toBe(1);
    expect(overlap.stderr).toMatch(/^daspool: ParameterError: .*overlap is greater than chunk size/);
    expect(spec).toMatchObject({ code: 1, stderr: 'daspool: --chunk expects key=value pairs such as time=30,overlap=5, got "time"\n' });
    expect(both).toMatchObject({ code: 1, stderr: "daspool: query: use either --explain or --analyze, not both\n" });
  });
});
