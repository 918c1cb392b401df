// Colormaps for plots: sequential maps (viridis, magma, gray) for one-signed data such as RMS,
// energy or DTS temperatures, and diverging maps (RdBu, seismic, bwr) centred on 0 for signed
// wavefields. Each is interpolated from published anchor colours into a 256-entry table.

/** An RGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

/** The names `cmap` accepts (case-insensitive). `rdbu` runs blue (negative) to red, as matplotlib's RdBu_r. */
export const COLORMAPS = ["viridis", "magma", "gray", "rdbu", "seismic", "bwr"] as const;

/** Other spellings users bring from matplotlib. */
export const COLORMAP_ALIASES: Readonly<Record<string, ColormapName>> = { rdbu_r: "rdbu", grey: "gray" };

/** A colormap name. */
export type ColormapName = (typeof COLORMAPS)[number];

/** The colour for missing samples (NaN). */
export const NAN_COLOR: Rgb = [0x80, 0x80, 0x80];

/** The colour of plot area that no sample covers (a gap in the data). */
export const GAP_COLOR: Rgb = [0xff, 0xff, 0xff];

/** Number of entries of each lookup table. */
export const LUT_SIZE = 256;

const hex = (h: number): Rgb => [(h >> 16) & 255, (h >> 8) & 255, h & 255];

// Anchors at even spacing. viridis and magma: matplotlib's maps sampled at tenths. RdBu: Brewer's
// 11 classes, reversed so negative is blue. seismic: matplotlib's five segment ends.
const ANCHORS: Record<ColormapName, readonly Rgb[]> = {
  viridis: [0x440154, 0x482475, 0x414487, 0x355f8d, 0x2a788e, 0x21918c, 0x22a884, 0x44bf70, 0x7ad151, 0xbddf26, 0xfde725].map(hex),
  magma: [0x000004, 0x140e36, 0x3b0f70, 0x641a80, 0x8c2981, 0xb73779, 0xde4968, 0xf7705c, 0xfe9f6d, 0xfecf92, 0xfcfdbf].map(hex),
  gray: [0x000000, 0xffffff].map(hex),
  rdbu: [0x053061, 0x2166ac, 0x4393c3, 0x92c5de, 0xd1e5f0, 0xf7f7f7, 0xfddbc7, 0xf4a582, 0xd6604d, 0xb2182b, 0x67001f].map(hex),
  seismic: [0x00004c, 0x0000ff, 0xffffff, 0xff0000, 0x800000].map(hex),
  bwr: [0x0000ff, 0xffffff, 0xff0000].map(hex),
};

/** Whether a map is diverging (its middle colour means zero). */
export function isDiverging(name: ColormapName): boolean {
  return name === "rdbu" || name === "seismic" || name === "bwr";
}

function buildLut(anchors: readonly Rgb[]): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 3);
  const segments = anchors.length - 1;
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = (i / (LUT_SIZE - 1)) * segments;
    const k = Math.min(segments - 1, Math.floor(t));
    const f = t - k;
    const a = anchors[k]!;
    const b = anchors[k + 1]!;
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = Math.round(a[c]! + (b[c]! - a[c]!) * f);
  }
  return lut;
}

const LUTS = new Map<ColormapName, Uint8Array>();

/**
 * The colour at `t` in [0, 1] of map `name` (clamped; NaN is grey).
 *
 * @example
 * ```ts
 * mapColor("viridis", 0); // dark purple
 * mapColor("rdbu", 0.5);  // near-white: zero on a diverging map
 * ```
 */
export function mapColor(name: ColormapName, t: number): Rgb {
  if (Number.isNaN(t)) return NAN_COLOR;
  let lut = LUTS.get(name);
  if (!lut) LUTS.set(name, (lut = buildLut(ANCHORS[name])));
  const i = Math.round(Math.min(1, Math.max(0, t)) * (LUT_SIZE - 1));
  return [lut[i * 3]!, lut[i * 3 + 1]!, lut[i * 3 + 2]!];
}

/**
 * The colour of `value` on a symmetric RdBu scale `[-clip, clip]`: values beyond the clip
 * saturate, NaN is grey.
 *
 * @example
 * ```ts
 * divergingColor(0, 1);  // near-white
 * divergingColor(-5, 1); // darkest blue
 * ```
 */
export function divergingColor(value: number, clip: number): Rgb {
  if (Number.isNaN(value)) return NAN_COLOR;
  return mapColor("rdbu", clip > 0 ? (value / clip + 1) / 2 : 0.5);
}
