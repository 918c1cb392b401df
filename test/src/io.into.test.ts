// dc.read(path, { into }): samples read into a caller's (reused) array give the same patches as a
// normal read, on real files; patches view `into` one after another; bad `into` → ParameterError.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { DefaultResolver } from "../../planner/sources/resolver.ts";
import * as dc from "../../src/index.ts";

const REAL = new URL("../../../shared/data/real/", import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), "daspool-into-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Ctor = new (n: number) => Float32Array | Float64Array;

describe("dc.read into a caller's array", () => {
  it("reads a DASDAE time slice into `into`, equal to a normal read, and reuses it", async () => {
    const file = join(REAL, "dispersion_event.h5");
    const [whole] = await dc.read(file);
    const t = whole!.getCoord("time").values() as BigInt64Array;
    const select = { time: [t[100]!, t[399]!] as [bigint, bigint] };
    const [plain] = await dc.read(file, { select });
    const into = new (whole!.data.constructor as Ctor)(plain!.size + 5);
    const [placed] = await dc.read(file, { select, into });
    expect(placed!.equals(plain!)).toBe(true);
    expect(placed!.data.buffer).toBe(into.buffer); // the samples live in `into`
    expect(placed!.data.byteOffset).toBe(0);
    // A second read into the same array overwrites it: a later window, same memory.
    const later = { time: [t[200]!, t[499]!] as [bigint, bigint] };
    const [again] = await dc.read(file, { select: later, into });
    expect(again!.data.buffer).toBe(into.buffer);
    expect(again!.equals((await dc.read(file, { select: later }))[0]!)).toBe(true);
  });

  it("keeps a band-pass of one window unchanged when the next window is read into the same array", async () => {
    const file = join(REAL, "dispersion_event.h5");
    const [whole] = await dc.read(file);
    const t = whole!.getCoord("time").values() as BigInt64Array;
    const first = { time: [t[100]!, t[399]!] as [bigint, bigint] };
    const want = (await dc.read(file, { select: first }))[0]!.passFilter({ time: [5, 50] });
    const into = new (whole!.data.constructor as Ctor)(want.size);
    const [window] = await dc.read(file, { select: first, into });
    const kept = window!.passFilter({ time: [5, 50] }); // a zero-phase filter is otherwise lazy
    await dc.read(file, { select: { time: [t[200]!, t[499]!] }, into });
    expect(kept.equals(want)).toBe(true);
  });

  it("lays several patches one after another (PRODML FBE, 5 bands) and reads a non-DASDAE format", async () => {
    const file = join(REAL, "prodml_fbe_1.h5");
    const plain = await dc.read(file);
    const total = plain.reduce((n, p) => n + p.size, 0);
    const into = new (plain[0]!.data.constructor as Ctor)(total);
    const placed = await dc.read(file, { into });
    expect(placed.length).toBe(plain.length);
    let offset = 0;
    for (const [k, p] of placed.entries()) {
      expect(p.equals(plain[k]!)).toBe(true);
      expect(p.data.buffer).toBe(into.buffer);
      expect(p.data.byteOffset).toBe(offset * into.BYTES_PER_ELEMENT);
      offset += p.size;
    }
  });

  it("rejects a too-small, mistyped or non-array `into` with ParameterError", async () => {
    const file = join(REAL, "dispersion_event.h5");
    const [whole] = await dc.read(file);
    const Same = whole!.data.constructor as Ctor;
    const Other = Same === Float64Array ? Float32Array : Float64Array;
    await expect(dc.read(file, { into: new Same(whole!.size - 1) })).rejects.toThrow(dc.ParameterError);
    await expect(dc.read(file, { into: new Same(whole!.size - 1) })).rejects.toThrow(/holds \d+ samples but reading .* needs at least \d+/);
    await expect(dc.read(file, { into: new Other(whole!.size) })).rejects.toThrow(/into is a Float\d+Array but the samples of .* are float/);
    await expect(dc.read(file, { into: [1, 2, 3] as unknown as Float32Array })).rejects.toThrow(dc.ParameterError);
  });

  it("merges files of a directory into one output read member by member in place (chunk)", async () => {
    const patch = dc.getExamplePatch();
    const t = patch.getCoord("time").values() as BigInt64Array;
    const n = t.length;
    const cuts = [0, Math.floor(n / 3), Math.floor((2 * n) / 3), n];
    for (let k = 0; k < 3; k++) {
      await dc.write(patch.select({ time: [t[cuts[k]!]!, t[cuts[k + 1]! - 1]!] }), join(dir, `part${k}.h5`));
    }
    const into = vi.spyOn(DefaultResolver.prototype, "loadInto");
    const load = vi.spyOn(DefaultResolver.prototype, "load");
    const [merged] = (await dc.spool(dir).chunk({ time: null }).collect()) as dc.Patch[];
    expect([into.mock.calls.length, load.mock.calls.length]).toEqual([3, 0]); // no per-member arrays
    vi.restoreAllMocks();
    expect(merged!.shape).toEqual(patch.shape);
    expect(merged!.getArray()).toEqual(patch.getArray());
    // A window across the file boundaries: members trimmed on both ends, rows strided into place.
    const win = { time: [t[cuts[1]! - 7]!, t[cuts[2]! + 5]!] as [bigint, bigint] };
    const [part] = (await dc.spool(dir).select(win).chunk({ time: null }).collect()) as dc.Patch[];
    expect(part!.getArray()).toEqual(patch.select(win).getArray());
  });
});
