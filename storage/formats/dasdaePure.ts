// DASDAE detection and scan through the pure-JS HDF5 reader (storage/h5/pure/): the same answers
// as the libhdf5 path in dasdae.ts, from the same shared steps (groupMetaFrom, coordFromData,
// summaryFrom), without starting h5wasm — whose start-up (~0.15–0.2 s per thread) and per-call
// cost (~2 ms per file) made a first index slower than DASCore's. Whenever the reader declines
// anything (see pure/file.ts) these return undefined and dasdae.ts asks libhdf5, which then reads
// the file, or names what is wrong with it, exactly as before.
import { asText, type H5AttrValue } from "../h5/index.ts";
import { MIN_DATASET_BYTES } from "../h5/direct.ts";
import type { RawAttr } from "../h5/rawAttr.ts";
import { headerValue, type HeaderAttr } from "../h5/pure/attrs.ts";
import { datasetInfo, readValues, type DatasetInfo } from "../h5/pure/dataset.ts";
import { PureH5, type PureObject } from "../h5/pure/file.ts";
import { groupMetaFrom, pyAttrFrom } from "./dasdaeAttrs.ts";
import { coordFromData, summaryFrom, truthy } from "./dasdaeSummary.ts";
import type { FileProbe, PatchSummary, RawCoord, TypedArray } from "./types.ts";
import { SharedProbe } from "./hdf5Probe.ts";

/** Thrown inside a pure scan when the reader declines; caught below (never escapes this module). */
class Declined extends Error {}

const HDF5_SIGNATURE = [0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a];

function need<T>(v: T | null | undefined): T {
  if (v === null || v === undefined) throw new Declined();
  return v;
}

/** An attribute as readAttrBytes gives it (text as its bytes without trailing NULs). */
function rawOf(a: HeaderAttr): RawAttr {
  if (!a.supported) throw new Declined();
  if (a.empty) return { kind: "empty" };
  if (a.cls !== 3 || a.shape.length !== 0) return { kind: "other" };
  let end = a.data.length;
  while (end > 0 && a.data[end - 1] === 0) end--;
  return { kind: "text", bytes: a.data.slice(0, end), utf8: a.cset === 1 };
}

/** An attribute's value as scanAttr gives it, or undefined when the object has none of that name. */
function attrValue(o: PureObject, name: string): H5AttrValue | undefined {
  const a = o.attrs.get(name);
  if (a === undefined) return undefined;
  if (!a.supported) throw new Declined();
  return headerValue(a);
}

/** Files the pure reader opened to detect, kept open (until the probe closes) for the scan that follows. */
const detected = new WeakMap<FileProbe, PureH5>();

/**
 * Runs `fn` on `path` opened by the pure reader — the handle detection kept on `probe`, or one
 * opened and closed here — or returns undefined when the reader declines (`fn` throwing Declined).
 */
function withFile<T>(path: string, head: Uint8Array | null, probe: FileProbe | undefined, keep: boolean, fn: (f: PureH5) => T): T | undefined {
  const kept = probe && probe.path === path ? detected.get(probe) : undefined;
  // only a file with the signature at 0 (no user block): libhdf5 finds others, this reader does not look
  if (!kept && head && !HDF5_SIGNATURE.every((b, i) => head[i] === b)) return undefined;
  let f: PureH5 | null | undefined = kept;
  if (!f) {
    try {
      f = PureH5.open(path, probe && probe.path === path ? probe : undefined);
    } catch {
      return undefined;
    }
    if (!f) return undefined;
  }
  const shared = probe instanceof SharedProbe && probe.path === path && keep;
  if (shared && !kept) {
    const file = f;
    detected.set(probe, file);
    probe.onClose(() => file.close());
  }
  try {
    return fn(f);
  } catch (e) {
    if (e instanceof Declined) return undefined;
    throw e;
  } finally {
    if (!shared && !kept) f.close();
  }
}

/**
 * The DASDAE version of a file whose root says `__format__ = "DASDAE"`, or undefined when the
 * pure reader cannot tell (not readable here, or another format: libhdf5's detectors decide).
 * @example
 * ```ts
 * detectDasdaePure(probe); // "1"
 * ```
 */
export function detectDasdaePure(probe: FileProbe): string | undefined {
  return withFile(probe.path, probe.head, probe, true, (f) => {
    const root = need(f.object("/"));
    if (asText(attrValue(root, "__format__")) !== "DASDAE") throw new Declined();
    return need(asText(attrValue(root, "__DASDAE_version__")));
  });
}

/**
 * The patch summaries of a DASDAE file, as dasdae.ts's scan gives them, or undefined when the
 * pure reader declines any part of the file. Throws what the libhdf5 scan throws for the checks
 * both share (coordinates, dims against shapes).
 * @example
 * ```ts
 * scanDasdaePure(path)?.[0]?.recipe?.offset; // where the samples start
 * ```
 */
export function scanDasdaePure(path: string, probe?: FileProbe): PatchSummary[] | undefined {
  return withFile(path, null, probe, false, (f) => {
    const root = need(f.object("/"));
    const ours = (asText(attrValue(root, "__dascore__version__")) ?? "").startsWith("daspool");
    // (a file without its /waveforms group is damaged: libhdf5's path names it)
    const waveforms = need(root.members.some((m) => m.name === "waveforms") ? f.object("/waveforms") : null);
    if (waveforms.kind !== "group") throw new Declined();
    return waveforms.members.map((m) => summarize(f, `/waveforms/${m.name}`, ours));
  });
}

function dataset(f: PureH5, path: string): { object: PureObject; info: DatasetInfo } {
  const object = need(f.object(path));
  if (object.kind !== "dataset") throw new Declined();
  return { object, info: need(datasetInfo(object.messages, f.sb)) };
}

function summarize(f: PureH5, groupPath: string, ours: boolean): PatchSummary {
  const group = need(f.object(groupPath));
  if (group.kind !== "group") throw new Declined();
  const meta = groupMetaFrom({
    names: [...group.attrs.keys()],
    members: group.members.map((m) => m.name),
    py: (name) => pyAttrFrom(rawOf(need(group.attrs.get(name))), () => need(attrValue(group, name))),
  });
  const data = dataset(f, `${groupPath}/data`);
  const coords: Record<string, RawCoord> = {};
  for (const name of meta.coordNames) {
    const c = dataset(f, `${groupPath}/_coord_${name}`);
    const isDt = c.object.attrs.has("is_datetime64") ? attrValue(c.object, "is_datetime64") : undefined;
    const isTd = !truthy(isDt) && c.object.attrs.has("is_timedelta64") ? attrValue(c.object, "is_timedelta64") : undefined;
    const values = need(readValues(f.bytes, c.info)) as TypedArray;
    coords[name] = coordFromData({ filename: f.bytes.path, groupPath, name, meta, ours, data: values, dtype: need(c.info.dtype), isDt, isTd });
  }
  // the data's declared size must fit its storage and the file, as libhdf5's read path checks
  const { info } = data;
  const storage = need(info.storage);
  const n = info.shape.reduce((a, b) => a * b, 1);
  if (storage.kind === "contiguous" && (n * info.itemSize > storage.size || storage.offset + storage.size > f.bytes.size)) throw new Declined();
  const dataDtype = need(info.dtype);
  return summaryFrom(f.bytes.path, groupPath, { meta, coords, shape: info.shape, dataDtype }, (size) =>
    storage.kind === "contiguous" && info.shape.length > 0 && size === info.itemSize && n * size >= MIN_DATASET_BYTES ? storage.offset : null,
  );
}
