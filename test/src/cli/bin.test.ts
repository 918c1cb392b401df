// The `daspool` executable that package.json names (the bundled CLI in dist/bundle, built by
// `npm test` first) runs as installed: plain node, no loader.

import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { version: string; bin: { daspool: string } };
const bin = join(root, pkg.bin.daspool);
const run = (...args: string[]) => execFileSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });

describe("the package's daspool executable", () => {
  it("is the bundled CLI and reports the package version", () => {
    expect(pkg.bin.daspool).toBe("./dist/bundle/cli.js");
    expect(run("--version").trim()).toContain(pkg.version);
  });

  it("lists a real file's contents from its metadata (FILES.md #1: TERRA15 6, 05:54:03.636 .. 05:54:05.715)", () => {
    const file = resolve(root, "../shared/data/real/example_triggered_shot.hdf5");
    const csv = run("contents", file, "--format", "csv", "--columns", "time_min,time_max,file_format,file_version");
    expect(csv.trim().split("\n")).toEqual([
      "time_min,time_max,file_format,file_version",
      "2023-01-27T05:54:03.63690752,2023-01-27T05:54:05.715915836,TERRA15,6",
    ]);
  });
});
