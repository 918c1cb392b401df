// Issue 9: bullmq is an optional peer dependency, so only the daspool/bullmq subpath may load it:
// the core (src, planner, storage) never imports bullmq or ioredis, and the one CLI command that
// needs the subpath loads it on demand (type imports vanish at build time).

import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { asRepoPaths, ROOT as root, sourceFiles as files, staticImports } from "../../importGraph.ts";

const core = ["src", "planner", "storage"].flatMap(files).filter((f) => !f.startsWith("src/bullmq/"));

describe("the bullmq subpath stays optional", () => {
  it("no core module imports bullmq or ioredis", () => {
    const bad = core.filter((f) => staticImports(f).some((s) => /^(bullmq|ioredis)(\/|$)/.test(s)));
    expect(bad).toEqual([]);
  });

  it("no core module statically imports src/bullmq (the worker command loads it on demand)", () => {
    const bad = core.flatMap((f) =>
      asRepoPaths(f, staticImports(f))
        .filter((t) => t.startsWith("src/bullmq/"))
        .map((t) => `${f} → ${t}`),
    );
    expect(bad).toEqual([]);
    expect(readFileSync(join(root, "src/cli/commands/worker.ts"), "utf8")).toContain('await import("../../bullmq/index.ts")');
  });

  it("is exported as daspool/bullmq next to the core entry", () => {
    const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
    expect(pkg.exports["./bullmq"]).toEqual({ types: "./dist/src/bullmq/index.d.ts", import: "./dist/bundle/bullmq.js" });
    expect(pkg.peerDependenciesMeta.bullmq).toEqual({ optional: true });
    expect(pkg.dependencies.bullmq).toBeUndefined();
  });
});
