// One step of the DASCore comparison (issue 19), run by daspool in a fresh node process over the
// built package: the twin of steps.py, step for step. Prints one JSON line:
// {"ms": wall time of the step, "check": a value both libraries must agree on}.
// The clock starts after importing daspool, except for the "import" step, which times the import.
// usage: node daspoolSteps.mjs STEP ARCHIVE [STATION T0_NS]
const tStart = performance.now();
const [step, archive, station = "s1", t0Arg = "0"] = process.argv.slice(2);
const lib = new URL("../../dist/bundle/index.js", import.meta.url).href;
const dc = await import(lib);
const { rmSync } = await import("node:fs");
const t0 = BigInt(t0Arg);
const window = (a, b) => [t0 + BigInt(a) * 1_000_000_000n, t0 + BigInt(b) * 1_000_000_000n];

async function main() {
  let t = performance.now();
  let check;
  switch (step) {
    case "import": {
      t = tStart;
      const table = await dc.spool(archive).select({ station, time: window(100, 400) }).getContents();
      check = table.numRows;
      break;
    }
    case "index": {
      rmSync(`${archive}/.daspool`, { recursive: true, force: true });
      t = performance.now();
      const sp = await dc.spool(archive).update();
      check = await sp.count();
      break;
    }
    case "reindex": {
      const sp = await dc.spool(archive).update();
      check = await sp.count();
      break;
    }
    case "contents":
      check = (await dc.spool(archive).select({ station, time: window(100, 400) }).getContents()).numRows;
      break;
    case "contents1h":
      check = (await dc.spool(archive).select({ station, time: window(0, 3600) }).getContents()).numRows;
      break;
    case "contents1hWarm": {
      // The same query in a new spool of a process that has already run one (modules loaded).
      await dc.spool(archive).select({ station, time: window(0, 10) }).getContents();
      t = performance.now();
      check = (await dc.spool(archive).select({ station, time: window(0, 3600) }).getContents()).numRows;
      break;
    }
    case "merge": {
      const patch = await dc.spool(archive).select({ station }).chunk({ time: null }).get(0);
      const data = patch.data;
      const n = patch.shape[1];
      let sum = 0;
      for (let i = 0; i < n; i++) sum += data[i];
      check = [[...patch.shape], Math.round(sum * 1e6) / 1e6];
      break;
    }
    case "map": {
      const task = dc.workerTask(new URL("./maxOverTime.mjs", import.meta.url).href, "maxOverTime");
      const out = await dc.spool(archive).select({ station }).chunk({ time: 30, overlap: 5 }).map(task, { workers: 2 }).collect();
      let sum = 0;
      for (const p of out) for (const v of p.data) sum += v;
      check = [out.length, Math.round(sum * 1e6) / 1e6];
      break;
    }
    case "bandRms": {
      const task = dc.workerTask(new URL("./bandRms.mjs", import.meta.url).href, "bandRms");
      const out = await dc.spool(archive).select({ station }).chunk({ time: 60 }).map(task, { workers: 2 }).collect();
      let sum = 0;
      for (const p of out) for (const v of p.data) sum += v;
      check = [out.length, Number(sum.toPrecision(6))];
      break;
    }
    default:
      throw new Error(`unknown step ${step}`);
  }
  const ms = performance.now() - t;
  // Peak resident memory of the whole process (MiB), for the index update's memory bound.
  const rssMiB = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify({ ms, check, rssMiB }) + "\n");
}
await main();
