// Shared by the worker map tests: task references into ./tasks/tasks.ts and a result comparer.

import * as dc from "../../../src/index.ts";

/** A worker task exported by the test task module. */
export function task(name: string): dc.WorkerTask {
  return dc.workerTask(new URL("./tasks/tasks.ts", import.meta.url), name);
}

/** Whether two lists of patches are equal item by item. */
export function samePatches(a: unknown[], b: unknown[]): boolean {
  return a.length === b.length && a.every((p, i) => (p as dc.Patch).equals(b[i] as dc.Patch));
}

/** The real file the tests read inside workers. */
export const SHOT = new URL("../../../../shared/data/real/example_triggered_shot.hdf5", import.meta.url).pathname;
