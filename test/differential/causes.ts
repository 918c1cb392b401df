// Causes of today's differential failures (issue #16), each recognised from the case, its
// differences and daspool's answer, with the analysis REPORT.md prints. First match wins; the
// order goes from the most specific symptom to the most general.

import type { Case, Op } from "./fixtures.ts";
import type { Verdict } from "./rules.ts";
import { isError, type DaspoolAnswer } from "./run.ts";

export interface Cause {
  name: string;
  /** who has to act: the planner (a daspool defect), or the integrator (DASCore / SPEC). */
  owner: "daspool" | "DASCore bug (SPEC silent)" | "harness";
  text: string;
  match: (c: Case, v: Verdict, got: DaspoolAnswer) => boolean;
}

const kinds = (c: Case): string[] => c.ops.map((o) => o[0]);
const count = (c: Case, k: Op[0]): number => kinds(c).filter((x) => x === k).length;
const has = (v: Verdict, re: RegExp): boolean => v.diffs.some((d) => re.test(d));
const after = (c: Case, first: Op[0], then: Op[0]): boolean => {
  const i = kinds(c).indexOf(first);
  return i >= 0 && kinds(c).slice(i + 1).includes(then);
};

/** The rows of both answers are the same set in another order. */
function reordered(c: Case, got: DaspoolAnswer): boolean {
  const e = c.dascore.contents;
  if (!e || isError(got.contents) || e.length !== got.contents.length || e.length < 2) return false;
  const key = (r: Record<string, unknown>) => JSON.stringify(Object.keys(r).sort().map((k) => [k, r[k] ?? ""]));
  const a = e.map(key).sort();
  const b = got.contents.map((r) => key(Object.fromEntries(Object.keys(e[0]!).map((k) => [k, r[k]])))).sort();
  return a.join("|") === b.join("|") && e.map(key).join("|") !== got.contents.map((r) => key(Object.fromEntries(Object.keys(e[0]!).map((k) => [k, r[k]])))).join("|");
}

export const CAUSES: Cause[] = [
  {
    name: "escaped-engine-error",
    owner: "daspool",
    text: "A raw JavaScript error (`RangeError: offset is out of bounds`) escapes instead of a DaspoolError: concatenating patches whose channel counts differ reads past a buffer (issue #16 defect 2).",
    match: (_c, v) => has(v, /non-DaspoolError escaped/),
  },
  {
    name: "concatenate-mismatch-not-raised",
    owner: "daspool",
    text: "Where DASCore drops patches it cannot join (another channel count, other channel values, another time axis when joining along distance or a new dimension), SPEC §6.3 wants `CoordMergeError`; daspool returns an answer instead, joining what does not line up (issue #16 defect 2).",
    match: (_c, v) => has(v, /^concatenate-mismatched-coords-raises-CoordMergeError/),
  },
  {
    name: "chunk-merge-mismatch-not-raised",
    owner: "DASCore bug (SPEC silent)",
    text: "DASCore raises `CoordMergeError` while iterating (\"expected them to vary along time but found None\") where a window's last source gives it no sample: its instruction range `[220, 220]` lies between that source's samples (off-grid overlapping sources), and merging a 0-sample patch fails. daspool answers with the window's samples. SPEC does not declare this error.",
    match: (c, v) => count(c, "chunk") > 0 && has(v, /expected CoordMergeError, daspool answered/),
  },
  {
    name: "earlier-chunk-error-lost",
    owner: "daspool",
    text: "DASCore raises `ChunkError` (no segment long enough) at the first chunk; daspool re-plans the later chunk from the sources and never evaluates the first one, so its error disappears (SPEC §6.2: 'The earlier chunk is still evaluated, and its errors still raise'; issue #16 defect 7).",
    match: (c, v) => count(c, "chunk") > 1 && has(v, /expected ChunkError, daspool answered/),
  },
  {
    name: "length-below-step-not-raised",
    owner: "daspool",
    text: "A chunk length shorter than one sample step must raise `ChunkError` (SPEC §6.2 decision); daspool answers (DASCore gives one-sample windows or an error elsewhere). Seen after a concatenate, with keepPartial, and where sources of several steps meet.",
    match: (_c, v) => has(v, /^chunk-length-below-step-raises-ChunkError/),
  },
  {
    name: "non-monotonic-not-raised",
    owner: "daspool",
    text: "A chunk over a concatenated patch whose time axis is not monotonic (patches joined out of order, or overlapping) must raise `ChunkError` (SPEC §6.2 decision); daspool answers — it chunks the concatenate's sources instead of the concatenated patch (issue #16 defect 5).",
    match: (_c, v) => has(v, /^chunk-non-monotonic-raises-ChunkError/),
  },
  {
    name: "concatenate-undone-by-chunk",
    owner: "daspool",
    text: "A chunk after a concatenate plans from the concatenate's sources, undoing it: DASCore's one joined patch comes back as several (SPEC §6.2: 'After a concatenate, they are the concatenated patches: a concatenate is a new source, and chunk never undoes it'; issue #16 defect 5).",
    match: (c, v) => after(c, "concatenate", "chunk") && has(v, /^count:|^contents rows:|^patches:/),
  },
  {
    name: "concatenate-contents-step",
    owner: "daspool",
    text: "The contents row of a concatenated output keeps its sources' step although the joined axis is uneven (gaps, overlaps, out of order), or loses it where the joined axis is even (SPEC §6.3: 'Contents rows of a concatenated output describe that output exactly (an uneven time axis has no step)'; issue #16 defect 6).",
    match: (c, v) => count(c, "concatenate") > 0 && has(v, /(time|distance)_step: DASCore (null|\d+) daspool (\d+|null)$|(time|distance)\.step: DASCore/),
  },
  {
    name: "chained-select-bounds",
    owner: "daspool",
    text: "Two time selects in a row do not keep the intersection of their ranges: bounds of different selects are combined as if one reversed pair (issue #16 defect 1; SPEC §6.1: 'bounds are swapped only inside one reversed [hi, lo] pair, never across two selects').",
    match: (c, v) =>
      count(c, "select") > 1 && (kinds(c).every((k) => k === "select" || k === "sort" || k === "slice") || has(v, /^count: DASCore 0 daspool [1-9]/)),
  },
  {
    name: "chunk-output-order",
    owner: "DASCore bug (SPEC silent)",
    text: "Same windows, another order. DASCore builds a chunk's instruction frame group by group from a Python `set` of group labels (`ChunkManager.get_instruction_df`: `chunked_groups = set(chunked_df[\"_group\"])`), so after a slice of chunked rows the order of its outputs follows string hashing, not the data; daspool emits groups in the order of their first source. Left as is: no rule in SPEC, and no data order to follow.",
    match: (c, _v, got) => count(c, "chunk") > 0 && reordered(c, got),
  },
  {
    name: "sort-invalid-not-raised",
    owner: "daspool",
    text: "`sort` with an unknown attribute on a spool that holds no rows (e.g. after a select that matched nothing) answers instead of raising `ParameterError` \"Invalid attribute\" (SPEC §5); DASCore checks the attribute against the contents' columns, which an empty spool still has.",
    match: (c, v) => c.dascore.error?.message.includes("Invalid attribute") === true && has(v, /expected ParameterError, daspool answered/),
  },
  {
    name: "chunk-composition",
    owner: "DASCore bug (SPEC silent)",
    text: "chunk → select → chunk over several stations with off-grid or overlapping sources: DASCore's second chunk reads the first chunk's instruction rows, so windows repeat samples across stations' groups and come out re-gridded (4.137931 ms, 4.571429 ms). Fixed: chunk right after chunk plans from that chunk's sources even where it gave no window (SPEC §6.2). Left: s202-0203, where DASCore's answer duplicates samples (SPEC §6.2 'each sample appears once').",
    match: (c) => count(c, "chunk") > 1 || (count(c, "chunk") > 0 && (after(c, "chunk", "slice") || after(c, "chunk", "sort") || after(c, "chunk", "select"))),
  },
  {
    name: "off-grid-run-windows",
    owner: "DASCore bug (SPEC silent)",
    text: "Windows over sources that do not sit on one grid. Fixed in the planner for runs of whole sources (a window takes its sources as DASCore's instructions do, reversed ranges swapped). Left: after a select whose bound falls between samples, DASCore's row keeps the bound as its `time_min` (128 ms where the first kept sample is at 130 ms) and lays its windows from there; daspool's trimmed row starts at its first sample (SPEC §6.1 keeps samples, not bounds), so its windows start 2 ms later.",
    match: (c, v) => count(c, "chunk") > 0 && has(v, /time_(min|max|step)|time\.(min|max|step|len)|\.shape/),
  },
];

export function classify(c: Case, v: Verdict, got: DaspoolAnswer): string {
  return CAUSES.find((k) => k.match(c, v, got))?.name ?? "unclassified";
}

/** What each kind of DASCore crash is, by its message (for REPORT.md's list). */
export const CRASH_NOTES: [RegExp, string][] = [
  [/list index out of range/, "`concatenate` of an empty spool: `get_compatible_patches` takes `patches[0]`. daspool returns an empty spool."],
  [/Invalid value .* for dtype 'int/, "a select with a fractional bound on the int64 `distance` coordinate: pandas refuses to write the float bound into the int column (`adjust_segments`)."],
  [/duplicate labels/, "a chunk after a slice or select of a chunked spool: the instruction frame carries repeated `source_index` labels that pandas cannot reindex (the DASCore side of issue #16 defect 4)."],
  [/step cannot be zero/, "`chunk` with `overlap` equal to the length: `get_intervals` steps by length − overlap = 0. daspool raises ParameterError when the chunk is called."],
  [/Only one dimension can vary/, "a chunk merging patches that differ in both time and distance (directory `dd_chan`: two channel sets at the same times) trips an assertion instead of raising CoordMergeError."],
  [/Invalid regular expression/, "a glob select with a `*` before a literal, such as `\"*g*\"`: `fnmatch.translate` emits an atomic group `(?>.*?g)` that pyarrow's RE2 cannot compile."],
  [/current_index/, "a select after a chunk that produced no window (e.g. `keepPartial` over one-sample patches): `get_instruction_df` builds the empty instruction frame without a `current_index` column."],
  [/MemoryError/, "DASCore ran out of the generator's memory cap (DIFF_GEN_MEM_GB, 6 GB; uncapped such a chain took 21 GB and was OOM-killed)."],
  [/self-contradiction/, "a slice of a chunked spool: `source.loc[new_inst.index]` repeats source rows whose label appears several times, so a window spanning two sources is built from duplicated rows — more samples than its contents row, on a shrunken step (e.g. 18 samples at 2.117647 ms for a 40 ms window of 4 ms data)."],
];
