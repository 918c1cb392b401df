import { afterEach, describe, expect, it } from "vitest";
import { createMapPool, discardPrestarted, prestartMapPool } from "../../../planner/workers/pool.ts";

afterEach(() => discardPrestarted());

type Pool = ReturnType<typeof createMapPool>;

/** Resolves when all of `pool`'s threads have exited (a destroyed pool keeps none). */
async function threadsGone(pool: Pool): Promise<boolean> {
  for (let i = 0; i < 100 && pool.threads.length > 0; i++) await new Promise((r) => setTimeout(r, 20));
  return pool.threads.length === 0;
}

describe("prestarted map pools", () => {
  it("hands the prestarted pool to the next run of the same size, once", async () => {
    const early = prestartMapPool(1);
    expect(prestartMapPool(1)).toBe(early); // asking again while it is held does not start another
    const claimed = createMapPool(1);
    expect(claimed).toBe(early);
    const next = createMapPool(1);
    expect(next).not.toBe(early);
    expect(claimed.threads.length).toBe(1); // started, not destroyed on hand-over
    await Promise.all([claimed.destroy(), next.destroy()]);
  });

  it("destroys a prestarted pool of another size instead of handing it over", async () => {
    const early = prestartMapPool(2);
    expect(early.threads.length).toBe(2);
    const claimed = createMapPool(1);
    expect(claimed).not.toBe(early);
    expect(claimed.options.maxThreads).toBe(1);
    await claimed.destroy();
    expect(await threadsGone(early)).toBe(true);
  });

  it("discards an unclaimed pool on request", async () => {
    const early = prestartMapPool(1);
    expect(early.threads.length).toBe(1);
    await discardPrestarted();
    expect(early.threads.length).toBe(0);
    const fresh = createMapPool(1);
    expect(fresh).not.toBe(early);
    await fresh.destroy();
  });
});
