// Febus A1 DAS HDF5 files (DASCore "febus", versions 1 and 2): /<group>/<SourceN>/<ZoneN>/<data>
// cubes of (block, block row, channel) whose overlapping block halves are dropped on read.
import { CorruptFileError } from "../../src/errors.ts";
import {
  asNumber,
  asText,
  childNames,
  datasetDtype,
  datasetShape,
  getDataset,
  getGroup,
  hasDataset,
  hasGroup,
  readAttrs,
  readSlab,
  withH5File,
  type H5AttrValue,
  type H5File,
} from "../h5/index.ts";
import { withProbeH5 } from "./hdf5Probe.ts";
import { findByKey } from "./h5Helpers.ts";
import { rangeValue, secondsToNs, selectionBounds, summarizeCoord } from "./rawCoords.ts";
import type { FormatModule, PatchSummary, RawAttrValue, RawCoordRange, RawPatch, Selection, TypedArray } from "./types.ts";

const SOURCE_ATTRS = ["AmpliPower", "Hostname", "WholeExtent", "SamplingRate"];
const DIMS = ["time", "distance"];

/** One zone of a Febus file: the patch it holds and where its samples sit in the cube. */
interface Zone {
  key: string; // path of the zone's data cube
  group: string;
  source: string;
  zone: string;
  sourcePath: string;
}

/** The kept rows of every block: rows [idxStart, idxStart + rows) of each block. */
interface BlockLayout {
  idxStart: number;
  rows: number;
  blocks: number;
  channels: number;
}

function num(v: H5AttrValue | undefined, k = 0): number | undefined {
  if (v !== undefined && v !== null && ArrayBuffer.isView(v) && !(v instanceof DataView)) {
    const x = (v as ArrayLike<number | bigint>)[k];
    return x === undefined ? undefined : Number(x);
  }
  return k === 0 ? asNumber(v) : undefined;
}

function need(file: H5File, attrs: Record<string, H5AttrValue>, name: string, k = 0): number {
  const v = num(attrs[name], k);
  if (v === undefined || !Number.isFinite(v)) throw new CorruptFileError(`${file.filename}: Febus zone lacks attribute ${name}[${k}]`);
  return v;
}

/** The Febus version ("1" when no Source carries a Version attr), or null when not Febus. */
function febusVersion(file: H5File): string | null {
  const groups = childNames(file);
  if (groups.length === 0) return null;
  let version = "1";
  for (const g of groups) {
    if (!hasGroup(file, `/${g}`)) return null;
    const sources = childNames(getGroup(file, `/${g}`));
    for (const s of sources) {
      if (!s.startsWith("Source") || !hasGroup(file, `/${g}/${s}`)) return null;
      const node = getGroup(file, `/${g}/${s}`);
      if (!SOURCE_ATTRS.every((k) => k in node.attrs)) return null;
      const v = asText(readAttrs(node)["Version"]);
      if (v !== undefined) version = v.split(".")[0]!;
    }
  }
  // A Febus file has at least one zone holding a 3-D cube; without one, a damaged file of another
  // Febus family (a DTS file whose zone names were hit) would pass as an empty A1 file.
  const hasCube = groups.some((g) =>
    childNames(getGroup(file, `/${g}`)).some((s) =>
      childNames(getGroup(file, `/${g}/${s}`)).some((z) => {
        const zp = `/${g}/${s}/${z}`;
        if (z === "time" || !hasGroup(file, zp)) return false;
        const kids = childNames(getGroup(file, zp));
        return kids.length === 1 && hasDataset(file, `${zp}/${kids[0]}`) && getDataset(file, `${zp}/${kids[0]}`).shape?.length === 3;
      }),
    ),
  );
  return hasCube ? version : null;
}

function zones(file: H5File): Zone[] {
  const out: Zone[] = [];
  for (const group of childNames(file)) {
    for (const source of childNames(getGroup(file, `/${group}`))) {
      const sourcePath = `/${group}/${source}`;
      for (const zone of childNames(getGroup(file, sourcePath))) {
        if (zone === "time") continue;
        const zonePath = `${sourcePath}/${zone}`;
        const kids = hasGroup(file, zonePath) ? childNames(getGroup(file, zonePath)) : [];
        if (kids.length !== 1 || !hasDataset(file, `${zonePath}/${kids[0]}`)) {
          throw new CorruptFileError(`${file.filename}: Febus zone ${zonePath} must hold exactly one dataset`);
        }
        out.push({ key: `${zonePath}/${kids[0]}`, group, source, zone, sourcePath });
      }
    }
  }
  return out;
}

/** numpy's linear-interpolated percentile of sorted values. */
function percentile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

/** Seconds between blocks: 1/BlockRate, else the mean block spacing within Tukey's fences. */
function blockTime(file: H5File, zoneAttrs: Record<string, H5AttrValue>, sourcePath: string): number {
  const br = (num(zoneAttrs["BlockRate"]) ?? 0) / 1000;
  if (br > 0) return 1 / br;
  const t = readSlab(file, getDataset(file, `${sourcePath}/time`)).data as Float64Array;
  const d: number[] = [];
  for (let i = 1; i < t.length; i++) d.push(t[i]! - t[i - 1]!);
  const sorted = [...d].sort((a, b) => a - b);
  if (sorted.length === 0) throw new CorruptFileError(`${file.filename}: ${sourcePath}/time has fewer than 2 blocks`);
  const q1 = percentile(sorted, 0.25);
  const q3 = percentile(sorted, 0.75);
  const kept = d.filter((x) => x >= q1 - 1.5 * (q3 - q1) && x <= q3 + 1.5 * (q3 - q1));
  return kept.reduce((a, b) => a + b, 0) / kept.length;
}

/** DASCore's reading of the block geometry and sampling step (febus a1utils `_get_zone_time`). */
function zoneTime(file: H5File, z: Zone, attrs: Record<string, H5AttrValue>): { layout: BlockLayout; dt: number } {
  const shape = datasetShape(getDataset(file, z.key));
  if (shape.length !== 3) throw new CorruptFileError(`${file.filename}: Febus data ${z.key} is not 3-D (block, row, channel)`);
  if (num(attrs["GaugeLength"]) === undefined) throw new CorruptFileError(`${file.filename}: Febus zone lacks GaugeLength`);
  const overlap = num(attrs["Overlap"] ?? attrs["BlockOverlap"]) ?? 100;
  const e2 = need(file, attrs, "Extent", 2);
  let dt: number;
  let pad: number;
  if ("Version" in attrs) {
    pad = 1 + need(file, attrs, "Extent", 3) - e2;
    dt = need(file, attrs, "Spacing", 1) / 1000;
  } else {
    // Version-less (v1) files: the extents are unreliable, the block is the cube's row count. Very
    // old files store a placeholder 250 MHz SamplingRate; then Spacing[1] (ms) is the step.
    const fs = need(file, attrs, "SamplingRate");
    dt = fs < 1e8 ? 1 / fs : need(file, attrs, "Spacing", 1) / 1000;
    pad = shape[1]!;
  }
  if (!(pad > 1) || !(dt > 0)) throw new CorruptFileError(`${file.filename}: Febus zone ${z.key} has a bad block geometry`);
  // Extent[2] == 0 means the overlapping block halves are still in the file.
  const noPad = e2 !== 0 ? Math.round(blockTime(file, attrs, z.sourcePath) / dt) : Math.round(pad / (1 + overlap / 100));
  const remove = pad - noPad;
  if (remove < 0) throw new CorruptFileError(`${file.filename}: Febus zone ${z.key} keeps more rows than a block holds`);
  const q = Math.floor(remove / 2);
  const idxStart = q;
  const idxStop = pad - 1 - (remove - q); // numpy's divmod: end = pad - 1 - (remainder + quotient)
  const rows = idxStop - idxStart + 1;
  if (idxStart + rows > shape[1]!) throw new CorruptFileError(`${file.filename}: Febus zone ${z.key} has fewer rows than its extents say`);
  return { layout: { idxStart, rows, blocks: shape[0]!, channels: shape[2]! }, dt };
}

interface ZoneInfo {
  layout: BlockLayout;
  time: RawCoordRange;
  distance: RawCoordRange;
  attrs: Record<string, RawAttrValue>;
}

function zoneInfo(file: H5File, z: Zone): ZoneInfo {
  const attrs = readAttrs(getGroup(file, z.key.slice(0, z.key.lastIndexOf("/"))));
  const { layout, dt } = zoneTime(file, z, attrs);
  const timeDs = getDataset(file, `${z.sourcePath}/time`);
  const t0 = readSlab(file, timeDs, datasetShape(timeDs).map(() => [0, 1] as const)).data[0];
  const origin = need(file, attrs, "Origin", 1) / 1000;
  if (origin > 0) throw new CorruptFileError(`${file.filename}: Febus time Origin must not be positive`);
  // The block stamp plus the origin offset is the block's first row; skip the dropped rows.
  const start = Number(t0) + origin + layout.idxStart * dt;
  const time: RawCoordRange = {
    kind: "range",
    start: secondsToNs(start),
    step: secondsToNs(dt),
    length: layout.rows * layout.blocks,
    units: "s",
    dtype: "datetime64",
  };
  const dx = need(file, attrs, "Spacing", 0);
  const distance: RawCoordRange = {
    kind: "range",
    start: need(file, attrs, "Extent", 0) * dx + need(file, attrs, "Origin", 0),
    step: dx,
    length: layout.channels,
    units: "m",
    dtype: "float64",
  };
  const out: Record<string, RawAttrValue> = {
    data_category: "DAS",
    data_type: "strainrate",
    data_units: "nϵ / s",
    group: z.group,
    source: z.source,
    zone: z.zone,
    gauge_length_units: "m",
    pulse_width_units: "m",
  };
  const gauge = num(attrs["GaugeLength"]);
  if (gauge !== undefined) out["gauge_length"] = gauge;
  const pulse = num(attrs["PulseWidth"]);
  if (pulse !== undefined) out["pulse_width"] = pulse;
  const soft = asText(attrs["Version"]);
  if (soft !== undefined) {
    out["folog_a1_software_version"] = soft;
    out["schema_version"] = soft.split(".")[0]!;
  }
  return { layout, time, distance, attrs: out };
}

function findZone(file: H5File, key: string): Zone {
  return findByKey(file, zones(file), key, "Febus zone");
}

function scanZone(file: H5File, z: Zone): PatchSummary {
  const info = zoneInfo(file, z);
  return {
    key: z.key,
    dims: DIMS,
    shape: [info.time.length, info.distance.length],
    dataDtype: datasetDtype(getDataset(file, z.key)) ?? "unknown",
    attrs: info.attrs,
    coords: { time: summarizeCoord(info.time), distance: summarizeCoord(info.distance) },
  };
}

/** Reads time rows [i0, i1) × channels [j0, j1), one hyperslab per block the rows touch. */
function readZone(file: H5File, key: string, selection?: Selection): RawPatch {
  const z = findZone(file, key);
  const { layout, time, distance, attrs } = zoneInfo(file, z);
  const ds = getDataset(file, z.key);
  const [[i0, i1], [j0, j1]] = selectionBounds(file.filename, DIMS, [time.length, distance.length], selection) as [
    [number, number],
    [number, number],
  ];
  const width = j1 - j0;
  let data: TypedArray | null = null;
  let written = 0;
  for (let b = Math.floor(i0 / layout.rows); width > 0 && b * layout.rows < i1; b++) {
    const r0 = Math.max(i0 - b * layout.rows, 0) + layout.idxStart;
    const r1 = Math.min(i1 - b * layout.rows, layout.rows) + layout.idxStart;
    const ranges = [[b, b + 1], [r0, r1], [j0, j1]] as const;
    if (data === null) {
      // Allocate once, typed by the first slab; later blocks are read straight into it.
      const first = readSlab(file, ds, ranges);
      const Ctor = first.data.constructor as new (n: number) => TypedArray;
      data = new Ctor((i1 - i0) * width);
      (data as Float32Array).set(first.data as Float32Array, 0);
    } else {
      readSlab(file, ds, ranges, { into: data, offset: written });
    }
    written += (r1 - r0) * width;
  }
  if (data === null) data = readSlab(file, ds, [[0, 0], [0, 0], [0, 0]]).data;
  return {
    data,
    dims: DIMS,
    shape: [i1 - i0, width],
    coords: {
      time: { ...time, start: rangeValue(time, i0), length: i1 - i0 },
      distance: { ...distance, start: rangeValue(distance, j0), length: width },
    },
    attrs,
  };
}

/**
 * DASCore's `febus` format (Febus A1 DAS; version 1 without a Version attr, 2 with one). One patch
 * per zone, keyed by the zone's data path. Each block holds overlapping halves that are dropped,
 * as DASCore's `dc.read` does: for valencia_febus_example.h5 that keeps rows 62..186 of each
 * 250-row block, at the 250 Hz (4 ms) SamplingRate, not the 2 ms of Spacing[1].
 *
 * The time coordinate starts at the file's first kept sample (07:21:46.413666304 for valencia),
 * 1250 samples: the file's truth and `dc.read`'s answer. DASCore's `dc.spool(path)[0]` drops that
 * first sample (1249 samples from .417666304) through a time-trim quirk; daspool does not.
 * @example
 * ```ts
 * const [s] = await febus.scan("valencia_febus_example.h5", "1"); // shape [1250, 100]
 * const p = await febus.read(path, s.key, "1", { time: [0, 125] });
 * ```
 */
export const febus: FormatModule = {
  name: "febus",
  versions: ["1", "2"],
  extensions: ["h5", "hdf5"],
  detect: (probe) => withProbeH5(probe, (file) => febusVersion(file)),
  scan: (path) => withH5File(path, (file) => zones(file).map((z) => scanZone(file, z))),
  read: (path, key, _version, selection) => withH5File(path, (file) => readZone(file, key, selection)),
};
