// Warm query handles (issue 5's query speed): one connection and its prepared statements per
// index folder, kept across queries, renewed for a new generation, bounded in number.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countIndex, openIndex, queryIndex, refreshIndex, updateIndex } from "../../../storage/index/index.ts";
import { closeSessions, MAX_SESSIONS } from "../../../storage/index/session.ts";
import { copyReal, isolateCache, SEC, T0, tempDir, writeDasdae } from "./helpers.ts";

let restoreCache: () => void;
const cleanups: Array<() => void> = [];

beforeAll(() => {
  restoreCache = isolateCache();
});

afterAll(async () => {
  await closeSessions();
  for (const c of cleanups) c();
  restoreCache();
});

function dir(): string {
  const t = tempDir();
  cleanups.push(t.cleanup);
  return t.dir;
}

describe("warm index sessions", () => {
  it("answer the same query shape on a new generation with its rows and columns", async () => {
    const root = dir();
    await writeDasdae(join(root, "a.h5"), { station: "A1" });
    await updateIndex(root);
    let index = await openIndex(root);
    const q = { predicates: [{ kind: "range" as const, column: "time", lo: T0, hi: T0 + 100n * SEC }] };
    expect((await queryIndex(index, q)).map((r) => r.path)).toEqual(["a.h5"]);

    await writeDasdae(join(root, "b.h5"), { station: "B1", t0: T0 + SEC });
    copyReal("prodml_fbe_1.h5", join(root, "fbe.h5")); // other columns: attributes, coordinates
    await updateIndex(root);
    // The update removed the old generation's Parquet: a query on the old snapshot moves on to the new one.
    const stale = await queryIndex(index, q);
    index = await refreshIndex(index);
    const rows = await queryIndex(index, { predicates: [] });
    expect(rows.map((r) => r.path)).toContain("fbe.h5");
    expect((await queryIndex(index, q)).map((r) => r.path)).toEqual(["a.h5", "b.h5"]);
    expect(stale.map((r) => r.path)).toEqual(["a.h5", "b.h5"]);
    expect(await countIndex(index, q)).toBe(2);
  });

  it("keep more indexes than MAX_SESSIONS queryable, concurrently", async () => {
    const roots = await Promise.all(
      Array.from({ length: MAX_SESSIONS + 2 }, async (_, k) => {
        const root = dir();
        await writeDasdae(join(root, `f${k}.h5`), { station: `S${k}` });
        await updateIndex(root, { workers: 0 });
        return root;
      }),
    );
    const indexes = await Promise.all(roots.map((r) => openIndex(r)));
    for (let round = 0; round < 2; round++) {
      const found = await Promise.all(indexes.map((ix) => queryIndex(ix, { predicates: [{ kind: "glob", column: "station", pattern: "S*" }] })));
      expect(found.map((rows) => rows.map((r) => r.attrs["station"]))).toEqual(roots.map((_, k) => [`S${k}`]));
    }
  });
});
