// Worker threads get only the node flags workers accept (issue 18 row 10): under
// `node --max-old-space-size=2048` a pooled update and a worker map used to fail with
// ERR_WORKER_INVALID_EXEC_ARGV because the process's flags were handed to every thread.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POOL_MIN_FILES } from "../../../storage/index/scanPool.ts";
import { workerFlags } from "../../../storage/index/workerFlags.ts";
import { isolateCache, REAL, tempDir, writeDasdae } from "./helpers.ts";

const ROOT = resolve(import.meta.dirname, "../../..");
const CHILD = resolve(import.meta.dirname, "fixtures/flagsChild.ts");
const TASK = new URL("../../planner/workers/tasks/plain.mjs", import.meta.url).href;

describe("workerFlags", () => {
  it("turns V8 memory flags into resource limits and drops flags workers refuse", () => {
    const f = workerFlags(["--max-old-space-size=2048", "--max-semi-space-size=16", "--import", "tsx", "--expose-gc", "--title=x", "--enable-source-maps", "--inspect=9229"]);
    expect(f).toEqual({
      execArgv: ["--import", "tsx", "--enable-source-maps"],
      resourceLimits: { maxOldGenerationSizeMb: 2048, maxYoungGenerationSizeMb: 48 },
    });
  });

  it("keeps accepted flags it does not know by asking node once", () => {
    expect(workerFlags(["--experimental-wasm-modules", "--zero-fill-buffers"]).execArgv).toEqual(["--experimental-wasm-modules"]);
    expect(workerFlags([])).toEqual({ execArgv: [] });
  });
});

describe("pools under node --max-old-space-size=2048 (issue 18 row 10)", () => {
  let restoreCache: () => void;
  let dir: string;
  let cleanup: () => void;
  beforeAll(async () => {
    restoreCache = isolateCache();
    ({ dir, cleanup } = tempDir());
    await writeDasdae(join(dir, "template.h5"));
    mkdirSync(join(dir, "many"));
    for (let i = 0; i < POOL_MIN_FILES; i++) copyFileSync(join(dir, "template.h5"), join(dir, "many", `f${i}.h5`));
  }, 120_000);
  afterAll(() => {
    cleanup();
    restoreCache();
  });

  it("run a pooled update of 200 files and a worker map", () => {
    const file = join(REAL, "example_triggered_shot.hdf5");
    const out = execFileSync(process.execPath, ["--max-old-space-size=2048", "--import", "tsx", CHILD, join(dir, "many"), file, TASK], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: 120_000,
      env: process.env,
    });
    expect(JSON.parse(out)).toEqual({
      rows: POOL_MIN_FILES,
      failed: 0,
      mapped: 4,
      flags: { execArgv: ["--import", "tsx"], resourceLimits: { maxOldGenerationSizeMb: 2048 } },
    });
  }, 180_000);
});
