// Diverging colormap for signed wavefield data: ColorBrewer's RdBu (reversed, so negative is blue
// and positive red, as seismologists expect), interpolated from its 11 published anchor colours.

/** An RGB colour, 0–255 per channel. */
export type Rgb = readonly [number, number, number];

// ColorBrewer RdBu-11, from the blue end (-1) through near-white (0) to the red end (+1). The
// anchors were chosen by Brewer for perceptual evenness, so linear interpolation between
// neighbours keeps lightness monotonic on each side of the centre.
const RDBU_R: readonly Rgb[] = [
  [0x05, 0x30, 0x61],
  [0x21, 0x66, 0xac],
  [0x43, 0x93, 0xc3],
  [0x92, 0xc5, 0xde],
  [0xd1, 0xe5, 0xf0],
  [0xf7, 0xf7, 0xf7],
  [0xfd, 0xdb, 0xc7],
  [0xf4, 0xa5, 0x82],
  [0xd6, 0x60, 0x4d],
  [0xb2, 0x18, 0x2b],
  [0x67, 0x00, 0x1f],
];

/** The colour for missing samples (NaN). */
export const NAN_COLOR: Rgb = [0x80, 0x80, 0x80];

/** Number of entries of the precomputed lookup table. */
export const LUT_SIZE = 256;

function buildLut(): Uint8Array {
  const lut = new Uint8Array(LUT_SIZE * 3);
  const segments = RDBU_R.length - 1;
  for (let i = 0; i < LUT_SIZE; i++) {
    const t = (i / (LUT_SIZE - 1)) * segments;
    const k = Math.min(segments - 1, Math.floor(t));
    const f = t - k;
    const a = RDBU_R[k]!;
    const b = RDBU_R[k + 1]!;
    for (let c = 0; c < 3; c++) lut[i * 3 + c] = Math.round(a[c]! + (b[c]! - a[c]!) * f);
  }
  return lut;
}

const LUT = buildLut();

/**
 * The colour of `value` on a symmetric scale `[-clip, clip]`: values beyond the clip saturate,
 * NaN is grey.
 *
 * @example
 * ```ts
 * divergingColor(0, 1);  // near-white
 * divergingColor(-5, 1); // darkest blue
 * ```
 */
export function divergingColor(value: number, clip: number): Rgb {
  if (Number.isNaN(value)) return NAN_COLOR;
  const t = clip > 0 ? (value / clip + 1) / 2 : 0.5;
  const i = Math.round(Math.min(1, Math.max(0, t)) * (LUT_SIZE - 1));
  return [LUT[i * 3]!, LUT[i * 3 + 1]!, LUT[i * 3 + 2]!];
}
