// `npm run bench`: runs every benchmarks/*.bench.ts (or those named on the command line), prints
// one table of figures next to their baselines, and writes benchmarks/results.json and RESULTS.md.

import { readdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { table, type BenchRow } from "./lib.ts";

const here = import.meta.dirname;
const wanted = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.startsWith(w)))
  .sort();

const machine = `${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
const date = new Date().toISOString().slice(0, 10);
const results: Record<string, BenchRow[] | { error: string }> = {};
const sections: string[] = [];

for (const file of files) {
  const name = file.replace(/\.bench\.ts$/, "");
  process.stdout.write(`running ${name}...\n`);
  try {
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { run: () => Promise<BenchRow[]> };
    const rows = await mod.run();
    results[name] = rows;
    sections.push(`### ${name}\n\n${table(rows)}`);
    console.log(table(rows));
  } catch (error) {
    results[name] = { error: String(error) };
    sections.push(`### ${name}\n\nfailed: ${String(error)}`);
    console.error(`${name} failed:`, error);
    process.exitCode = 1;
  }
}

writeFileSync(join(here, "results.json"), JSON.stringify({ date, machine, results }, null, 2) + "\n");
const md = `# Benchmark results\n\nMachine: ${machine}. Date: ${date}. Produced by \`npm run bench\`; every figure is measured next to its baseline in the same run.\n\n${sections.join("\n\n")}\n`;
if (wanted.length === 0) writeFileSync(join(here, "RESULTS.md"), md);
else console.log("(partial run: RESULTS.md left as is)");
