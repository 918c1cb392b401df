// Start-up cost: importing daspool and querying a directory index must not load the heavy
// dependencies the query does not use (Apache Arrow, zod, piscina, h5wasm, the format readers);
// each loads when first needed. Checked in a fresh `node` over the built package (dist/, which
// `npm test` builds first), recording every module it loads: from tsc's module tree (where the
// format readers are files of their own) and from the bundle the package exports.

import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as dc from "../../src/index.ts";

const root = resolve(import.meta.dirname, "../..");
const REAL = resolve(root, "../shared/data/real");
let dir = "";

// The child records ESM loads through a loader hook and CommonJS loads through require.cache,
// after each step, and prints them as JSON.
const HOOKS = `let port;
export function initialize(data) { port = data.port; }
export async function load(url, context, next) { port.postMessage(url); return next(url, context); }
`;
const CHILD = `import { register, createRequire } from "node:module";
import { MessageChannel } from "node:worker_threads";
import { pathToFileURL } from "node:url";
const [hooks, entry, dir] = process.argv.slice(2);
const { port1, port2 } = new MessageChannel();
const seen = [];
port1.on("message", (url) => seen.push(url));
port1.unref();
register(pathToFileURL(hooks).href, { data: { port: port2 }, transferList: [port2] });
const settle = () => new Promise((r) => setTimeout(r, 50)); // lets the hook's messages arrive
const loaded = async () => { await settle(); return [...seen, ...Object.keys(createRequire(entry).cache)]; };
const dc = await import(pathToFileURL(entry).href);
const steps = { imported: await loaded() };
const sp = dc.spool(dir).select({ station: "*" });
steps.counted = [await sp.count(), await loaded()];
steps.contents = [(await sp.getContents()).numRows, await loaded()];
process.stdout.write(JSON.stringify(steps));
`;

type Steps = { imported: string[]; counted: [number, string[]]; contents: [number, string[]] };

const HEAVY = [/node_modules\/apache-arrow\//, /node_modules\/zod\//, /node_modules\/piscina\//, /node_modules\/h5wasm\//, /storage\/formats\/dasdae\.js/];
const heavyIn = (urls: string[]) => HEAVY.filter((re) => urls.some((u) => re.test(u))).map(String);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "daspool-lazy-"));
  copyFileSync(join(REAL, "dispersion_event.h5"), join(dir, "a.h5"));
  await dc.spool(dir).update();
  writeFileSync(join(dir, "hooks.mjs"), HOOKS);
  writeFileSync(join(dir, "child.mjs"), CHILD);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(["dist/src/index.js", "dist/bundle/index.js"])("start-up imports of %s", (entry) => {
  it("a directory query loads no Arrow, zod, piscina, h5wasm or format reader; getContents loads Arrow", () => {
    const out = execFileSync(process.execPath, [join(dir, "child.mjs"), join(dir, "hooks.mjs"), join(root, entry), dir], {
      cwd: root,
    }).toString();
    const steps = JSON.parse(out) as Steps;
    expect(steps.imported.some((u) => u.endsWith(entry))).toBe(true);
    expect(heavyIn(steps.imported)).toEqual([]);
    expect(steps.counted[0]).toBe(1);
    expect(heavyIn(steps.counted[1])).toEqual([]);
    expect(steps.contents[0]).toBe(1);
    expect(heavyIn(steps.contents[1])).toEqual([String(HEAVY[0])]);
  });
});
