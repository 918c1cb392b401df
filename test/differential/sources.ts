// Rebuilds a case's source with daspool's public API from its recipe (the generator's
// gen/sources.py): random_das parts, diverse_das per station, and copies of the committed
// directories of DASCore-written DASDAE files (daspool writes its index into the copy).

import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as dc from "../../src/index.ts";
import { decode, FIXTURE_DIR, type Part, type Recipe } from "./fixtures.ts";

function partOptions(part: Part): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(part)) out[k] = decode(v);
  return out;
}

async function randomPatches(recipe: Extract<Recipe, { kind: "random" }>): Promise<dc.Patch[]> {
  let patches: dc.Patch[] = [];
  for (const part of recipe.parts) {
    patches.push(...((await dc.getExampleSpool("random_das", partOptions(part)).collect()) as dc.Patch[]));
  }
  if (recipe.distinct) {
    // patch k gets k added to its samples, as the generator does, so sources are told apart
    patches = patches.map(
      (p, k) => new dc.Patch({ data: Float64Array.from(p.data as Float64Array, (x) => x + k), dims: p.dims, coords: p.coords, attrs: p.attrs }),
    );
  }
  if (recipe.order) patches = recipe.order.map((i) => patches[i]!);
  return patches;
}

async function diversePatches(recipe: Extract<Recipe, { kind: "diverse" }>): Promise<dc.Patch[]> {
  const all = (await dc.getExampleSpool("diverse_das").collect()) as dc.Patch[];
  const out = all.filter((p) => p.attrs.station === recipe.station);
  return recipe.distance ? out.map((p) => p.select({ distance: recipe.distance! })) : out;
}

let scratch: string | undefined;

/** A fresh copy of a committed DASDAE directory (the committed files are never written). */
function copyDir(name: string): string {
  scratch ??= mkdtempSync(join(tmpdir(), "daspool-diff-"));
  const dst = join(scratch, name);
  cpSync(join(FIXTURE_DIR, "dasdae", name), dst, { recursive: true });
  return dst;
}

const cache = new Map<string, Promise<dc.Spool>>();

/** The source spool of a recipe, built once per recipe (spools are immutable descriptions). */
export function sourceSpool(recipe: Recipe): Promise<dc.Spool> {
  const key = JSON.stringify(recipe);
  let sp = cache.get(key);
  if (!sp) {
    sp = build(recipe);
    cache.set(key, sp);
  }
  return sp;
}

async function build(recipe: Recipe): Promise<dc.Spool> {
  switch (recipe.kind) {
    case "random":
      return dc.spool(await randomPatches(recipe));
    case "diverse":
      return dc.spool(await diversePatches(recipe));
    case "dasdae":
      return dc.spool(copyDir(recipe.dir)).update();
  }
}
