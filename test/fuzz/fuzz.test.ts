// The corruption fuzz of issue 18 at test size: 500 seeded variants of the real files, each read
// twice in a child process under time and memory limits. Every failure must be a daspool error
// naming the file, reads must be deterministic and isolated, and nothing may crash, hang or run
// out of memory. `npm run fuzz` runs the full set (5,000 variants by default).
import { describe, expect, it } from "vitest";
import { runFuzz, type OutcomeClass } from "./runner.ts";

const VARIANTS = Number(process.env["DASPOOL_FUZZ_VARIANTS"] ?? 500);
// Issue 18's six, plus data that differ from the clean read beyond the damage without a warning
// (none in this slice, nor in `npm run fuzz`'s 5,000 of seed 18: README, Reliability).
const MUST_BE_ZERO: OutcomeClass[] = ["untyped", "unnamed", "nondeterministic", "crash", "hang", "oom", "silently-different"];

describe("corruption fuzz (issue 18)", () => {
  it(`ends ${VARIANTS} corrupted variants in named daspool errors or deterministic reads`, async () => {
    const report = await runFuzz({ variants: VARIANTS, seed: 18 });
    const bad = report.findings.filter((f) => MUST_BE_ZERO.includes(f.cls)).map((f) => `#${f.id} ${f.file} [${f.label}] ${f.cls}: ${f.detail}`);
    expect(bad).toEqual([]);
    for (const c of MUST_BE_ZERO) expect(report.counts[c]).toBe(0);
    // Every variant was classified, and most damage is caught or harmless.
    expect(Object.values(report.counts).reduce((a, b) => a + b, 0)).toBe(VARIANTS);
    expect(report.counts["typed-named"]).toBeGreaterThan(VARIANTS / 3);
  }, 900_000);
});
