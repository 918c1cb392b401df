// File rows are remembered across spools per file version (planner/sources/file.ts): a rewritten
// file is scanned again, so reads never use the rows of the file's previous content.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as dc from "../../../src/index.ts";

const dir = mkdtempSync(join(tmpdir(), "daspool-rows-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("file rows cache", () => {
  it("scans a rewritten file again (new shape, new rows) for dc.read with a select", async () => {
    const file = join(dir, "one.h5");
    const patch = dc.getExamplePatch();
    const t = patch.getCoord("time").values() as BigInt64Array;
    const all = { time: [t[0]!, t[t.length - 1]!] as [bigint, bigint] };
    await dc.write(patch, file);
    const [first] = await dc.read(file, { select: all });
    expect(first!.shape).toEqual(patch.shape);
    const shorter = patch.select({ time: [t[0]!, t[99]!] });
    await dc.write(shorter, file); // same path, different content and size
    const [second] = await dc.read(file, { select: all });
    expect(second!.shape).toEqual(shorter.shape);
    expect(second!.equals(shorter)).toBe(true);
  });
});
