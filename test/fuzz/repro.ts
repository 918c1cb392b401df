// Reproduces one fuzz variant: writes variant `--id` of `--seed` to a temp folder and prints what
// each operation returns (twice), for debugging a finding of `npm run fuzz`.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { getFormat, read, spool } from "../../src/index.ts";
import { hotspots, mutate } from "./mutations.ts";
import { realFiles } from "./runner.ts";

const { values } = parseArgs({ options: { seed: { type: "string", default: "18" }, id: { type: "string" }, only: { type: "string" }, dir: { type: "string" } } });
const files = realFiles(values.only?.split(","), values.dir ? resolve(values.dir) : undefined);
const id = Number(values.id);
const original = files[id % files.length]!;
const bytes = new Uint8Array(readFileSync(original));
const v = mutate(bytes, hotspots(bytes), Number(values.seed), id);
const dir = join(mkdtempSync(join(tmpdir(), "daspool-repro-")), `v${id}`);
mkdirSync(dir);
const path = join(dir, basename(original));
writeFileSync(path, v.bytes);
process.stdout.write(`${path}\n${v.label}\n`);
for (const attempt of [1, 2]) {
  try {
    process.stdout.write(`${attempt} format ${JSON.stringify(await getFormat(path))}\n`);
    const patches = await read(path);
    process.stdout.write(`${attempt} read ${patches.map((p) => p.toString()).join("\n")}\n`);
    process.stdout.write(`${attempt} contents ${(await spool(path).getContents()).numRows} rows\n`);
    process.stdout.write(`${attempt} get(0) ${((await spool(path).get(0)) as { shape: readonly number[] }).shape}\n`);
  } catch (e) {
    process.stdout.write(`${attempt} ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}\n`);
  }
}
