// The processing methods of Patch (SPEC §3.1) as a TypeScript interface merged into the Patch
// class: DASCore's names in camelCase, dimension keywords as one object keyed by the dimension,
// other keywords as a trailing options object. The bodies live in install.ts.
import type { Patch } from "../patch/Patch.ts";
import type { FilterBand, PassFilterOptions } from "./filter.ts";

/** Processing methods of every {@link Patch}. Each returns a new patch and adds a history entry. */
export interface PatchProcessing {
  /**
   * Butterworth band-, low- or high-pass filter along one dimension (DASCore `pass_filter`):
   * designed as `scipy.signal.iirfilter(corners, …, ftype="butter")` in second-order sections
   * and run forwards and backwards (`sosfiltfilt`, odd padding of 3·(2·sections+1) samples)
   * unless `zerophase: false`. Bounds are in the inverse of the coordinate's units (Hz for time);
   * `null` leaves an end open. float32 data stay float32.
   *
   * @throws ParameterError for bounds outside (0, Nyquist), lo ≥ hi, or a dimension shorter than
   *   the padding.
   * @example
   * ```ts
   * patch.passFilter({ time: [5, 20] });                       // band-pass 5–20 Hz
   * patch.passFilter({ time: [null, 10] }, { corners: 2, zerophase: false }); // causal low-pass
   * ```
   */
  passFilter(band: Readonly<Record<string, FilterBand>>, options?: PassFilterOptions): Patch;
}
