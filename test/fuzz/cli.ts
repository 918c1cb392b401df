// `npm run fuzz`: the full corruption fuzz of issue 18 (default 5,000 variants, seed 18).
// Flags: --variants N --seed S --children C --only name1,name2 --dir folder --json report.json
// (--dir: corrupt another folder's files instead of ../shared/data/real, e.g. test/fixtures/dasdae)
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { CLASSES, runFuzz } from "./runner.ts";

const { values } = parseArgs({
  options: {
    variants: { type: "string", default: "5000" },
    seed: { type: "string", default: "18" },
    children: { type: "string", default: "2" },
    only: { type: "string" },
    dir: { type: "string" },
    json: { type: "string" },
    quiet: { type: "boolean", default: false },
  },
});
const variants = Number(values.variants);
const report = await runFuzz({
  variants,
  seed: Number(values.seed),
  children: Number(values.children),
  ...(values.only ? { only: values.only.split(",") } : {}),
  ...(values.dir ? { dir: resolve(values.dir) } : {}),
  onFinding: (f, done) => {
    if (!values.quiet && !["identical", "typed-named", "damaged-only"].includes(f.cls)) process.stdout.write(`#${f.id} ${f.file} [${f.label}] ${f.cls}: ${f.detail}\n`);
    if (done % 250 === 0) process.stderr.write(`${done}/${variants}\n`);
  },
});
process.stdout.write(`\n${variants} variants, seed ${values.seed}, ${(report.ms / 1000).toFixed(0)} s\n`);
for (const c of CLASSES) process.stdout.write(`${c.padEnd(20)} ${report.counts[c]}\n`);
if (values.json) writeFileSync(values.json, JSON.stringify(report, null, 2));
const bad = ["untyped", "unnamed", "nondeterministic", "crash", "hang", "oom"] as const;
process.exitCode = bad.some((c) => report.counts[c] > 0) ? 1 : 0;
