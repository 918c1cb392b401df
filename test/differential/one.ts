// Runs fixture cases by id on daspool and prints the case, the verdict and both answers' contents
// and patch coordinates side by side (a debugging aid). Usage: tsx test/differential/one.ts ID...
import { fixturePaths, loadSet } from "./fixtures.ts";
import { judge } from "./rules.ts";
import { runCase } from "./run.ts";
import { sourceSpool } from "./sources.ts";
import { describeCase } from "./describeCase.ts";

const ids = new Set(process.argv.slice(2));
const show = (x: unknown): string => JSON.stringify(x, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
for (const path of fixturePaths()) {
  for (const c of loadSet(path).cases) {
    if (!ids.has(c.id)) continue;
    const got = await runCase(await sourceSpool(c.source), c.ops);
    const v = judge(c, got);
    console.log(`\n== ${describeCase(c)}\nverdict ${v.rule}\n  ${v.diffs.join("\n  ")}`);
    console.log(`DASCore count ${c.dascore.count} error ${show(c.dascore.error)}\ndaspool count ${show(got.count)}`);
    const rows = (a: unknown) => (Array.isArray(a) ? a.map((r) => show(Object.fromEntries(Object.entries(r).filter(([k]) => /_(min|max|step)$|station|network/.test(k))))) : [show(a)]);
    console.log("DASCore contents\n  " + rows(c.dascore.contents).join("\n  "));
    console.log("daspool contents\n  " + rows(got.contents).join("\n  "));
    const pc = (a: unknown) => (Array.isArray(a) ? a.map((p) => show({ shape: p.shape, coords: p.coords, attrs: [p.network, p.station] })) : [show(a)]);
    console.log("DASCore patches\n  " + pc(c.dascore.patches).join("\n  "));
    console.log("daspool patches\n  " + pc(got.patches).join("\n  "));
  }
}
