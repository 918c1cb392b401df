// The CLI and the plots stand on the public API: src/cli imports only src/index.ts, src/plot, the
// format list (for `daspool formats`), the Parquet export, the contents as plain columns (what
// getContents() wraps in Arrow: the CLI prints them without loading Arrow) and itself; src/plot
// imports only src/index.ts and itself.

import { describe, expect, it } from "vitest";
import { importViolations as violations } from "../../importGraph.ts";

describe("CLI and plot imports", () => {
  it("src/cli uses only the public API (daspool and daspool/bullmq), src/plot, the format list, the Parquet export, the contents columns, the index staleness check and the fnmatch globs", () => {
    const extra = new Set([
      "src/index.ts",
      "src/bullmq/index.ts",
      "storage/formats/all.ts",
      "storage/index/exportParquet.ts",
      "src/spool/contentsColumns.ts",
      "storage/index/update.ts",
      "storage/index/glob.ts",
    ]);
    const ok = (t: string) => t.startsWith("src/cli/") || t.startsWith("src/plot/") || extra.has(t);
    expect(violations("src/cli", ok)).toEqual([]);
  });

  it("src/plot uses only the public API", () => {
    expect(violations("src/plot", (t) => t.startsWith("src/plot/") || t === "src/index.ts")).toEqual([]);
  });
});
