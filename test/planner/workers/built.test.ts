// The worker entry is found beside the pool module: worker.ts with the tsx loader from source,
// worker.js without it from the built package (`npm run build` → dist), which must then work,
// both from tsc's module tree (dist/src) and from the bundle the package exports (dist/bundle,
// whose worker.js sits beside the chunk that holds the pool).

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { workerSetup } from "../../../planner/workers/pool.ts";

const dist = new URL("../../../dist/", import.meta.url);
const built = existsSync(new URL("planner/workers/worker.js", dist));

describe("workerSetup", () => {
  it("runs a .ts worker entry with the tsx loader", () => {
    const s = workerSetup("file:///x/planner/workers/pool.ts");
    expect(s.filename).toBe("file:///x/planner/workers/worker.ts");
    expect(s.execArgv.slice(-2)).toEqual(["--import", "tsx"]);
  });

  it("runs a built .js worker entry without a loader", () => {
    const s = workerSetup("file:///x/dist/planner/workers/pool.js");
    expect(s.filename).toBe("file:///x/dist/planner/workers/worker.js");
    expect(s.execArgv).not.toContain("tsx");
  });
});

describe.runIf(built).each(["src/index.js", "bundle/index.js"])("worker maps from the built package (dist/%s)", (entry) => {
  it("run a plain-JS task in plain node and match the function task", () => {
    const script = `
      import * as dc from ${JSON.stringify(new URL(entry, dist).href)};
      const sp = dc.spool(${JSON.stringify(new URL("../../../../shared/data/real/example_triggered_shot.hdf5", import.meta.url).pathname)}).chunk({ time: 0.5 });
      const task = dc.workerTask(${JSON.stringify(new URL("./tasks/plain.mjs", import.meta.url).href)}, "maxOverTime");
      const got = await sp.map(task, { workers: 2 }).collect();
      const ref = await sp.map((p) => p.aggregate("time", "max")).collect();
      process.stdout.write(JSON.stringify({ n: got.length, same: got.every((p, i) => p.equals(ref[i])) }));`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", timeout: 120_000 });
    expect(JSON.parse(out)).toEqual({ n: 4, same: true });
  });
});
