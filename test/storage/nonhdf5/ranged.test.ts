// Selections read only the bytes they need: the bytes requested from the file while reading a
// small time window are a small fraction of the file (binary formats with a seekable layout).
import { describe, expect, it, vi } from "vitest";
import { open } from "node:fs/promises";
import { join } from "node:path";
import { BATTERY, REAL, sizeOf } from "./battery.ts";

/** Counts the bytes requested through FileHandle.read while `fn` runs. */
async function bytesRead(fn: () => Promise<unknown>): Promise<number> {
  const probe = await open(join(REAL, "ofl100_1.sor"), "r");
  const proto = Object.getPrototypeOf(probe) as { read: (...args: unknown[]) => unknown };
  await probe.close();
  let total = 0;
  const original = proto.read;
  const spy = vi.spyOn(proto, "read").mockImplementation(function (this: unknown, ...args: unknown[]) {
    total += typeof args[2] === "number" ? args[2] : 0;
    return original.apply(this, args);
  });
  try {
    await fn();
  } finally {
    spy.mockRestore();
  }
  return total;
}

// Text (febus_g1_csv) and whole-trace formats (SR4731, whose dB scale needs the trace maximum)
// are read in full by design; small SEG-Y files are dominated by their 3600-byte headers.
const seekable = ["MSEED", "TDMS", "sentek", "Sintela_Protobuf"];
const cases = BATTERY.filter((b) => seekable.includes(b.module.name))
  .flatMap(({ module, version, files }) => files.map((file) => ({ module, version, file })));

// 512-byte miniSEED records: headers are an eighth of the bytes, so the header walk reads the
// file in 64 KiB chunks (fewer system calls) instead of one small read per record.
const wholeFileScan = new Set(["geofon_3U_HSF.mseed"]);

describe.each(cases)("$module.name selection on $file", ({ module, version, file }) => {
  it("reads only the samples of a 2 % time window beyond the metadata walk", async () => {
    const path = join(REAL, file);
    const size = sizeOf(file);
    let row = (await module.scan(path, version))[0]!;
    const scanBytes = await bytesRead(async () => { row = (await module.scan(path, version))[0]!; });
    const t = row.dims.indexOf("time");
    const n = row.shape[t]!;
    const window: [number, number] = [Math.floor(n / 2), Math.floor(n / 2) + Math.max(1, Math.floor(n / 50))];
    const readBytes = await bytesRead(() => module.read(path, row.key, version, { time: window }));
    // A read walks the metadata again, then fetches only the samples in the window.
    expect(readBytes - scanBytes).toBeLessThan(size / 10);
    if (!wholeFileScan.has(file)) expect(scanBytes).toBeLessThan(size / 2);
  });
});

describe("SEG-Y selection", () => {
  it("requests the headers and the selected traces only", async () => {
    const { segyFormat } = await import("../../../storage/formats/segy/index.ts");
    const path = join(REAL, "small_channel_patch.sgy");
    const bytes = await bytesRead(() => segyFormat.read(path, "", "2.1", { channel: [3, 4] }));
    expect(bytes).toBe(400 + 240 + (240 + 20 * 4)); // binary header, trace 0 header, one trace
  });
});
