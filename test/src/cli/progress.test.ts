// Progress rendering and table output of the CLI, in process with a fake clock.

import { describe, expect, it } from "vitest";
import { formatEta, Progress } from "../../../src/cli/progress.ts";
import { formatDuration, renderRows } from "../../../src/cli/table.ts";

function recorder() {
  let now = 0;
  const written: string[] = [];
  return { sink: { write: (t: string) => void written.push(t), now: () => now }, written, tick: (ms: number) => void (now += ms) };
}

describe("Progress", () => {
  it("redraws a bar with files, MB, rate and ETA, at most every 100 ms", () => {
    const r = recorder();
    const p = new Progress("indexing", "bar", r.sink, 10);
    r.tick(1000);
    p.update({ done: 1, total: 4, bytes: 2e6 });
    r.tick(50);
    p.update({ done: 2, total: 4, bytes: 4e6 }); // within 100 ms: skipped
    r.tick(950);
    p.update({ done: 2, total: 4, bytes: 4e6 });
    r.tick(10);
    p.update({ done: 4, total: 4, bytes: 8e6 }); // the last event always draws
    p.finish();
    expect(r.written).toEqual([
      "\r\x1b[2Kindexing ███░░░░░░░  25%  1/4 files  2.0 MB  2.0 MB/s  ETA 0:03",
      "\r\x1b[2Kindexing █████░░░░░  50%  2/4 files  4.0 MB  2.0 MB/s  ETA 0:02",
      "\r\x1b[2Kindexing ██████████ 100%  4/4 files  8.0 MB  4.0 MB/s  ETA 0:00",
      "\n",
    ]);
  });

  it("prints plain lines every 10 % (or 5 s) and once at the end", () => {
    const r = recorder();
    const p = new Progress("indexing", "lines", r.sink);
    for (let i = 1; i <= 40; i++) {
      r.tick(10);
      p.update({ done: i, total: 40 });
    }
    expect(r.written).toHaveLength(11);
    expect(r.written[0]).toBe("indexing: 1/40 files  100.0 files/s  ETA 0:00\n");
    expect(r.written.at(-1)).toMatch(/^indexing: 40\/40 files/);
    p.finish();
    expect(r.written).toHaveLength(11);
  });

  it("shows nothing in mode none", () => {
    const r = recorder();
    const p = new Progress("indexing", "none", r.sink);
    p.update({ done: 1, total: 1 });
    p.finish();
    expect(r.written).toEqual([]);
  });

  it("formats ETAs", () => {
    expect([formatEta(0), formatEta(65), formatEta(3723), formatEta(Number.NaN)]).toEqual(["0:00", "1:05", "1:02:03", "--"]);
  });
});

describe("table output", () => {
  it("prints durations exactly in seconds", () => {
    expect([formatDuration(1_000_004n), formatDuration(5_120_000_000n), formatDuration(-250_000_000n)]).toEqual([
      "0.001000004s",
      "5.12s",
      "-0.25s",
    ]);
  });

  it("quotes CSV cells that need it and aligns tables", () => {
    const rows = { columns: ["name", "value"], rows: [["a,b", 1.23456789012], ['say "hi"', null]] };
    expect(renderRows(rows, "csv")).toBe('name,value\n"a,b",1.23456789012\n"say ""hi""",\n');
    expect(renderRows(rows, "table")).toBe("name      value\n--------  ---------\na,b       1.2345679\nsay \"hi\"\n");
    expect(JSON.parse(renderRows(rows, "json"))).toEqual([{ name: "a,b", value: 1.23456789012 }, { name: 'say "hi"', value: null }]);
  });
});
