// Replays fuzz variants in ONE probe child, in order, as `npm run fuzz` does: findings that
// depend on what the process read before (nondeterministic, state leaks) reproduce only so.
// Usage: npx tsx test/fuzz/sequence.ts FROM TO [ID...] [--seed S] — runs ids FROM..TO-1, then IDs.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { hotspots, mutate } from "./mutations.ts";
import { realFiles } from "./runner.ts";
const args = process.argv.slice(2);
const seedAt = args.indexOf("--seed");
const seed = seedAt >= 0 ? Number(args.splice(seedAt, 2)[1]) : 18;
const [from, to, ...extra] = args.map(Number);
const ids = [...Array.from({ length: to! - from! }, (_, i) => from! + i), ...extra];
const files = realFiles();
const work = mkdtempSync(join(tmpdir(), "daspool-sequence-"));
const child = spawn(process.execPath, ["--max-old-space-size=2048", "--import", "tsx", resolve(import.meta.dirname, "probe.ts"), ...files], { stdio: ["pipe", "pipe", "inherit"], cwd: resolve(import.meta.dirname, "../..") });
const lines = createInterface({ input: child.stdout! });
const it = lines[Symbol.asyncIterator]();
await it.next();
for (const id of ids) {
  const o = files[id % files.length]!;
  const bytes = new Uint8Array(readFileSync(o));
  const v = mutate(bytes, hotspots(bytes), seed, id);
  const dir = join(work, `v${id}`);
  mkdirSync(dir);
  for (const other of files) if (other !== o) symlinkSync(other, join(dir, basename(other)));
  const path = join(dir, basename(o));
  writeFileSync(path, v.bytes);
  child.stdin!.write(JSON.stringify({ id, path, original: o, damagedBytes: v.damage.reduce((n, [a, b]) => n + (b - a), 0), shortened: v.shortened }) + "\n");
  const r = JSON.parse((await it.next()).value as string) as { deterministic: boolean; cleanStillSame: boolean };
  const flag = r.deterministic && r.cleanStillSame ? "" : "  <-- NONDETERMINISTIC";
  console.log(id, basename(o), v.label, JSON.stringify(r).slice(0, 300) + flag);
}
child.stdin!.end();
rmSync(work, { recursive: true, force: true });
