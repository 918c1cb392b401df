// dc.plot (SPEC §10): a patch, or a spool's first output, as PNG bytes; a waterfall or a wiggle
// plot chosen by the number of traces, and every option checked before anything is drawn.

import { Patch, ParameterError, Spool } from "../index.ts";
import { encodePng } from "./png.ts";
import { colormapName } from "./scale.ts";
import { drawWaterfall } from "./waterfall.ts";
import { drawWiggle, MAX_WIGGLE_TRACES, wiggleAxes } from "./wiggle.ts";

/** Options of {@link plot}. */
export interface PlotOptions {
  /**
   * `"waterfall"` (an image) or `"wiggle"` (lines); default: wiggle for at most 8 traces, else
   * waterfall. A single trace (one dimension longer than 1, e.g. an OTDR trace) is always a wiggle.
   */
  kind?: "waterfall" | "wiggle";
  /**
   * Colormap, case-insensitive: `"viridis"`, `"magma"`, `"gray"` (sequential) or `"rdbu"` (blue
   * for negative, red for positive: matplotlib's RdBu_r, also accepted by that name), `"seismic"`,
   * `"bwr"` (diverging, centred on 0). Default: viridis for one-signed data (RMS, energy, DTS
   * temperature), rdbu for signed data.
   */
  cmap?: string;
  /** Lower colour limit (waterfall) or lower y limit (single-trace wiggle). */
  vmin?: number;
  /** Upper colour limit (waterfall) or upper y limit (single-trace wiggle). */
  vmax?: number;
  /**
   * Percentile where colours saturate (default 99): a diverging map spans ±(this percentile of
   * |x|), a sequential one the (100 − clip)th to the clip-th percentile. 100 is the full range.
   */
  clip?: number;
  /** Remove each trace's mean along time (along x) before drawing. */
  demean?: boolean;
  /** Image width in pixels (default 900). */
  width?: number;
  /** Image height in pixels (default 560). */
  height?: number;
  /** Title line (default: network, station, tag, data type and shape). */
  title?: string;
}

/** The kind of plot `plot` draws for `patch` with `options`. */
export function plotKind(patch: Patch, kind?: string): "waterfall" | "wiggle" {
  if (kind !== undefined && kind !== "waterfall" && kind !== "wiggle") {
    throw new ParameterError(`unknown plot kind "${kind}"; choose waterfall or wiggle`);
  }
  const { y } = wiggleAxes(patch);
  if (y === null) return "wiggle"; // a single trace has no image to draw
  if (kind) return kind;
  return patch.shape[patch.dims.indexOf(y)]! <= MAX_WIGGLE_TRACES ? "wiggle" : "waterfall";
}

function check(options: PlotOptions): void {
  for (const key of ["vmin", "vmax", "clip"] as const) {
    const v = options[key];
    if (v !== undefined && (typeof v !== "number" || !Number.isFinite(v))) throw new ParameterError(`${key} must be a finite number, got ${String(v)}`);
  }
  if (options.clip !== undefined && !(options.clip > 0 && options.clip <= 100)) {
    throw new ParameterError(`clip must be a percentile in (0, 100], got ${options.clip}`);
  }
  if (options.vmin !== undefined && options.vmax !== undefined && !(options.vmin < options.vmax)) {
    throw new ParameterError(`vmin (${options.vmin}) must be below vmax (${options.vmax})`);
  }
  if (options.cmap !== undefined) colormapName(options.cmap);
}

/**
 * Plots a patch, or the first output of a spool, as PNG bytes (RGB, 8-bit).
 *
 * Every sample is drawn where its coordinate value falls: a gap in time stays a blank gap, and
 * unevenly spaced samples sit at their true times (not spread evenly by index). Axes carry their
 * units (`distance (m)`, `°C` on the colour bar; `(no units)` when the file states none); an
 * integer axis is ticked in whole numbers. A waterfall uses a sequential map (viridis) for
 * one-signed data and a diverging map (RdBu) centred on 0 for signed data; a single trace (an
 * OTDR trace, one channel) or up to 8 traces are drawn as wiggles.
 *
 * Decisions where SPEC is silent: time goes along x when the patch has it; `demean` removes each
 * trace's mean along x; large patches are reduced to the image keeping each pixel's
 * largest-magnitude sample, so short events survive.
 *
 * @example
 * ```ts
 * import { writeFile } from "node:fs/promises";
 * const png = await dc.plot(dc.spool("/data/das").select({ station: "B*" }), { clip: 98, demean: true });
 * await writeFile("waterfall.png", png);
 * ```
 * @throws ParameterError for an option out of range, an unknown cmap or kind, or a patch with no
 * or more than two dimensions longer than one; IndexError for an empty spool.
 */
export async function plot(target: Patch | Spool<unknown>, options: PlotOptions = {}): Promise<Uint8Array> {
  check(options);
  let patch: unknown = target;
  if (target instanceof Spool) patch = await target.get(0);
  if (!(patch instanceof Patch)) {
    throw new ParameterError(`plot expects a Patch or a Spool of patches, got ${patch === null ? "null" : typeof patch === "object" ? (patch as object).constructor?.name : typeof patch}`);
  }
  const canvas = plotKind(patch, options.kind) === "wiggle" ? drawWiggle(patch, options) : drawWaterfall(patch, options);
  const png = encodePng(canvas.toRaster());
  return new Uint8Array(png); // a plain Uint8Array with its own buffer (a Buffer may share a pool)
}
