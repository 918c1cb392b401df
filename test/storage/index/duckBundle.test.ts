// The built bundle loads DuckDB's JavaScript API from its one-file copy (dist/bundle/
// duckdb-node-api.cjs, made by scripts/bundle.mjs), not the package's ~60 modules, and an index
// update through it writes an index the package's API reads back; the unbundled build (and the
// sources under vitest) use the package. Checked in fresh `node` processes over the built package.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "../../..");
const REAL = resolve(root, "../shared/data/real");
let dir = "";

const CHILD = `import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
const [entry, archive] = process.argv.slice(2);
const dc = await import(pathToFileURL(entry).href);
const sp = await dc.spool(archive).update();
const rows = await sp.count();
process.stdout.write(JSON.stringify({ rows, cjs: Object.keys(createRequire(entry).cache) }));
`;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "daspool-duck-bundle-"));
  writeFileSync(join(dir, "child.mjs"), CHILD);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(entry: string, name: string): { rows: number; cjs: string[] } {
  const archive = join(dir, name);
  mkdirSync(archive);
  copyFileSync(join(REAL, "dispersion_event.h5"), join(archive, "a.h5"));
  const out = execFileSync(process.execPath, [join(dir, "child.mjs"), join(root, entry), archive], { cwd: root }).toString();
  return JSON.parse(out) as { rows: number; cjs: string[] };
}

describe("DuckDB's JavaScript API in the built package", () => {
  it("the bundle updates an index through its one-file copy, without the package's modules", () => {
    const { rows, cjs } = run("dist/bundle/index.js", "bundled");
    expect(rows).toBe(1);
    expect(cjs.some((f) => f.endsWith("dist/bundle/duckdb-node-api.cjs"))).toBe(true);
    expect(cjs.filter((f) => f.includes("node_modules/@duckdb/node-api/"))).toEqual([]);
    // one native module: the copy's bindings are the package's own
    expect(cjs.filter((f) => f.endsWith("duckdb.node"))).toHaveLength(1);
  });

  it("the unbundled build uses the package", () => {
    const { rows, cjs } = run("dist/src/index.js", "unbundled");
    expect(rows).toBe(1);
    expect(cjs.some((f) => f.includes("node_modules/@duckdb/node-api/lib/"))).toBe(true);
    expect(cjs.some((f) => f.endsWith("duckdb-node-api.cjs"))).toBe(false);
  });
});
