// Worker threads get only the node flags workers accept (issue 18 row 10): under
// `node --max-old-space-size=2048` a pooled update and a worker map used to fail with
// ERR_WORKER_INVALID_EXEC_ARGV because the process's flags were handed to every thread.
import { describe, expect, it } from "vitest";
import { workerFlags } from "../../../storage/index/workerFlags.ts";

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

// The pooled update of 200 files and the worker map under --max-old-space-size are the regression
// test of issue 18 row 10, in test/storage/corruption.rows.test.ts.
