// Every non-HDF5 detector claims its own real files and no other file in the real folder.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { BATTERY, REAL, probeOf, realFiles } from "./battery.ts";

describe.each(BATTERY)("$module.name detection", ({ module, version, files }) => {
  it.each(realFiles())("answers correctly for %s", async (name) => {
    const got = await module.detect(await probeOf(join(REAL, name))).catch(() => null);
    expect(got).toBe(files.includes(name) ? version : null);
  });
});
