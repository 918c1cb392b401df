// Every non-HDF5 detector claims its own real files and no other file in the real folder, and
// the registry (all formats, in order) names each of these files correctly.
import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { getFormat } from "../../../storage/formats/registry.ts";
import { BATTERY, REAL, probeOf, realFiles } from "./battery.ts";

describe.each(BATTERY)("$module.name detection", ({ module, version, files }) => {
  it.each(realFiles())("answers correctly for %s", async (name) => {
    const got = await module.detect(await probeOf(join(REAL, name))).catch(() => null);
    expect(got).toBe(files.includes(name) ? version : null);
  });

  it.each(files)("is what the registry finds for %s", async (name) => {
    await expect(getFormat(join(REAL, name))).resolves.toEqual({ format: module.name, version });
  });
});
