// `npm start`: the main job on an embedded default. Today it shows the data model and the lazy
// planner on the example data; it grows into the archive demo as storage and workers land.

import * as dc from "./index.ts";

async function main(): Promise<void> {
  const t0 = performance.now();
  const patch = dc.getExamplePatch();
  console.log(patch.toString());

  const sp = dc.getExampleSpool("random_das");
  console.log(`\n${sp.toString()}`);
  for await (const p of sp) console.log(`  ${(p as dc.Patch).shape.join("x")} from ${dc.formatDatetime64((p as dc.Patch).getCoord("time").min() as bigint)}`);

  const pipeline = sp
    .select({ time: ["2020-01-03T00:00:01", null] })
    .chunk({ time: 5, overlap: 1 })
    .map((p) => (p as dc.Patch).aggregate("time", "max"))
    .concatenate({ time: null });
  console.log(`\n${await pipeline.explain({ analyze: true })}`);
  const result = (await pipeline.get(0)) as dc.Patch;
  console.log(`\nResult: shape (${result.shape.join(", ")}), history ${JSON.stringify(result.history)}`);

  for (const name of ["example_triggered_shot.hdf5", "prodml_fbe_1.h5", "dispersion_event.h5"]) {
    const path = new URL(`../../shared/data/real/${name}`, import.meta.url).pathname;
    try {
      const fileSpool = dc.spool(path);
      const contents = await fileSpool.getContents();
      console.log(`\n${name}: ${JSON.stringify(await dc.getFormat(path))}, ${contents.numRows} patch(es)`);
    } catch (error) {
      console.log(`\n${name}: skipped (${(error as Error).message})`);
    }
  }
  console.log(`\nDone in ${(performance.now() - t0).toFixed(0)} ms`);
}

main().catch((error: unknown) => {
  console.error(error instanceof dc.DaspoolError ? `daspool: ${error.message}` : error);
  process.exitCode = 1;
});
