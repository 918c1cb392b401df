// explain() shows a worker map as one fused Load → Map stage, and analyze splits the time between
// the main thread and the workers (issue 7).

import { describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";
import { SHOT, task } from "./helpers.ts";

describe("explain of a worker map", () => {
  it("shows the fused stage and, with analyze, main-thread versus worker figures", async () => {
    const sp = dc.spool(SHOT).chunk({ time: 0.5 }).map(task("maxOverTime"), { workers: 2 });
    const text = await sp.explain({ analyze: true });
    expect(text).toMatch(/^Map stage: Load → Map fused in workers: maxOverTime from file:.*tasks\.ts workers=2 ordered$/m);
    expect(text).toMatch(/^Worker load: items=4 bytes=1\.8 MiB time=[\d.]+ ms$/m);
    expect(text).toMatch(/^Worker map: items=4 bytes=0 B time=[\d.]+ ms$/m);
    // Only the small results (238 channels × 1 float32 each) pass through the main thread.
    expect(text).toMatch(/^Main thread: items=4 bytes=3\.7 KiB time=[\d.]+ ms$/m);
  });

  it("says when a worker map streams results as they finish", async () => {
    const sp = dc.getExampleSpool("random_das").map(task("timeMin"), { ordered: false });
    expect(await sp.explain()).toMatch(/^Map stage: Load → Map fused in workers: timeMin from .* workers=default as finished$/m);
  });
});
