// The processing methods of Patch (SPEC §3.1) as a TypeScript interface merged into the Patch
// class: DASCore's names in camelCase, dimension keywords as one object keyed by the dimension,
// other keywords as a trailing options object. The bodies live in install.ts.
import type { Patch } from "../patch/Patch.ts";
import type { FilterBand, NdFilterOptions, PassFilterOptions } from "./filter.ts";
import type { DifferentiateOptions } from "./calculus.ts";
import type { InterpolateOptions, ResampleOptions } from "./resample.ts";
import type { DecimateOptions } from "./decimate.ts";
import type { Rolling, RollingOptions } from "./rolling.ts";
import type { DetrendOptions, Norm } from "./scaling.ts";
import type { TaperLength, TaperOptions } from "./taper.ts";
import type { PadOptions } from "./coords.ts";
import type { DftOptions } from "./fourier.ts";
import type { SpectrogramOptions } from "./spectro.ts";
import type { WhitenBand, WhitenOptions } from "./whiten.ts";
import type { StrainRateOptions } from "./stalta.ts";
import type { SelectRange } from "../coords/Coord.ts";

/** Processing methods of every {@link Patch}. Each returns a new patch and adds a history entry. */
export interface PatchProcessing {
  /**
   * Butterworth band-, low- or high-pass filter along one dimension (DASCore `pass_filter`):
   * designed as `scipy.signal.iirfilter(corners, …, ftype="butter")` in second-order sections
   * and run forwards and backwards (`sosfiltfilt`, odd padding of 3·(2·sections+1) samples)
   * unless `zerophase: false`. Bounds are in the inverse of the coordinate's units (Hz for time);
   * `null` leaves an end open. float32 data stay float32.
   *
   * Zero-phase filtering is lazy: the new patch's samples are computed when first read (`data`,
   * printing, any operation that needs them). A following zero-phase `passFilter` or IIR `decimate` along
   * the same dimension of float64 data folds this one into its own pass over the lines, so
   * `passFilter(…).decimate(…)` never makes the full-rate band-pass; the values are the same bit
   * for bit. Arguments are checked at the call.
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

  /**
   * Remove a trend along `dim` (DASCore `detrend`, scipy.signal.detrend): the least-squares line
   * (`type: "linear"`, default) or the mean (`"constant"`).
   *
   * @example
   * ```ts
   * patch.detrend("time");
   * patch.detrend("distance", { type: "constant" });
   * ```
   */
  detrend(dim: string, options?: DetrendOptions): Patch;

  /**
   * Subtract the mean along `dim` (default `"time"`), ignoring NaN (DASCore `demean`).
   *
   * @example
   * ```ts
   * patch.demean("time");
   * ```
   */
  demean(dim?: string): Patch;

  /**
   * (x − mean) / std along `dim`, NaN ignored, population std (DASCore `standardize`).
   *
   * @example
   * ```ts
   * patch.standardize("time");
   * ```
   */
  standardize(dim: string): Patch;

  /**
   * Divide by the norm along `dim`: `"l2"` (default), `"l1"`, `"max"` (NaN skipped; a zero norm
   * leaves the line as is), or `"bit"` (sign only) — DASCore `normalize`.
   *
   * @example
   * ```ts
   * patch.normalize("time", "max");
   * ```
   */
  normalize(dim: string, norm?: Norm): Patch;

  /**
   * Multiply the ends of a dimension by half windows (DASCore `taper`): `{ time: 0.05 }` tapers
   * 5 % of the extent at each end, `{ time: [0.1, null] }` only the start. Windows are scipy's
   * (`windowType`, default `"hann"`).
   *
   * @throws ParameterError when the tapers overlap or exceed the dimension.
   * @example
   * ```ts
   * patch.taper({ time: 0.05 });
   * patch.taper({ distance: [0.1, 0.2] }, { windowType: "hamming" });
   * ```
   */
  taper(lengths: Readonly<Record<string, TaperLength>>, options?: TaperOptions): Patch;

  /**
   * Rolling windows along one dimension (DASCore `rolling`, numpy engine): a window of the given
   * length (seconds for time, rounded up to samples), moving by `step` (default one sample).
   * Each reducer (`mean`, `median`, `std`, `min`, `max`, `sum`) gives a float64 patch where the
   * first values, whose window does not fit yet, are NaN (or both ends with `center`); with a
   * step, the dimension keeps every step-th coordinate. A NaN in a window gives NaN.
   *
   * Declared difference: DASCore uses pandas for patches with one non-trivial dimension and a
   * step below 10; daspool always follows the numpy engine's layout and history.
   *
   * @example
   * ```ts
   * patch.rolling({ time: 0.2 }, { step: 0.1 }).max();
   * patch.rolling({ time: 50 }, { samples: true }).mean();
   * ```
   */
  rolling(window: Readonly<Record<string, number | string | bigint>>, options?: RollingOptions): Rolling<Patch>;

  /**
   * Keep every q-th sample along a dimension after an anti-alias low-pass (DASCore `decimate`,
   * scipy.signal.decimate): `filterType: "iir"` (default; Chebyshev I, order 8, 0.05 dB ripple,
   * cutoff 0.8·Nyquist/q, zero phase), `"fir"` (Hamming-windowed sinc of 20q+1 taps, as
   * resample_poly), or `null` (plain slicing, dtype kept).
   *
   * @throws ParameterError when the dimension is too short for the IIR filter's padding (27 samples).
   * @example
   * ```ts
   * patch.decimate({ time: 4 });
   * patch.decimate({ time: 10 }, { filterType: "fir" });
   * ```
   */
  decimate(factors: Readonly<Record<string, number>>, options?: DecimateOptions): Patch;

  /**
   * Element-wise `this + other`: a number, or a patch with the same dims and coordinates where a
   * length-1 dimension broadcasts. dtype as numpy (float32 with a number stays float32). No
   * history entry (DASCore records none for patch operands).
   *
   * @throws CoordMergeError when coordinates differ; ParameterError when dims differ.
   * @example
   * ```ts
   * patch.add(1);
   * patch.subtract(patch.aggregate("time", "mean")); // remove each channel's mean
   * ```
   */
  add(other: number | Patch): Patch;
  /** Element-wise `this − other` (see {@link PatchProcessing.add}). @example `patch.subtract(patch.aggregate("time", "mean"))` */
  subtract(other: number | Patch): Patch;
  /** Element-wise `this × other` (see {@link PatchProcessing.add}). @example `patch.multiply(1e-9)` */
  multiply(other: number | Patch): Patch;
  /** Element-wise `this ÷ other` (see {@link PatchProcessing.add}). @example `patch.divide(patch.aggregate("time", "std"))` */
  divide(other: number | Patch): Patch;
  /** |x| (dtype kept; history `abs()`). @example `patch.abs()` */
  abs(): Patch;
  /** eˣ as a float patch (float32 stays float32). @example `patch.exp()` */
  exp(): Patch;
  /** Natural logarithm as a float patch. @example `patch.abs().log()` */
  log(): Patch;

  /**
   * Reorder dimensions (no copy: a strided view). `"..."` stands for the dimensions not named;
   * no arguments reverses them. No history, as DASCore.
   *
   * @example
   * ```ts
   * patch.transpose("time", "distance");
   * patch.transpose("time", "...");
   * ```
   */
  transpose(...dims: string[]): Patch;

  /**
   * Drop length-1 dimensions (all, or `dim`, which must have length 1) with their coordinates.
   *
   * @example
   * ```ts
   * patch.aggregate("time", "max").squeeze(); // dims ["distance"]
   * ```
   */
  squeeze(dim?: string): Patch;

  /**
   * Rename coordinates (and dimensions): `renameCoords({ distance: "channel" })`.
   *
   * @example
   * ```ts
   * patch.renameCoords({ time: "t" }).dims; // ["distance", "t"]
   * ```
   */
  renameCoords(mapping: Readonly<Record<string, string>>): Patch;

  /**
   * Drop non-dimensional coordinates by name.
   *
   * @example
   * ```ts
   * patch.dropCoords("latitude");
   * ```
   */
  dropCoords(...names: string[]): Patch;

  /**
   * Reverse the samples along the given dimensions (a view, no copy) and, unless
   * `{ flipCoords: false }` is given last, their coordinates.
   *
   * @example
   * ```ts
   * patch.flip("time");
   * patch.flip("time", "distance", { flipCoords: false });
   * ```
   */
  flip(...dims: (string | { flipCoords?: boolean })[]): Patch;

  /**
   * Pad dimensions with a constant (DASCore `pad`): `{ time: 0.1 }` at both ends (seconds,
   * rounded up to samples), `{ time: [10, 0] }` with `samples: true` at the start only. Evenly
   * sampled coordinates are extended.
   *
   * @example
   * ```ts
   * patch.pad({ time: [10, 10] }, { samples: true, constantValues: 0 });
   * ```
   */
  pad(widths: Readonly<Record<string, number | readonly [number, number]>>, options?: PadOptions): Patch;

  /**
   * Drop positions along `dim` whose samples are NaN (or ±inf with `includeInf`, default true):
   * where any is (`how: "any"`, default) or where all are (`"all"`).
   *
   * @example
   * ```ts
   * patch.dropna("time", { how: "all" });
   * ```
   */
  dropna(dim: string, options?: { how?: "any" | "all"; includeInf?: boolean }): Patch;

  /**
   * Replace NaN (and ±inf unless `includeInf: false`) with `value`.
   *
   * @example
   * ```ts
   * patch.fillna(0);
   * ```
   */
  fillna(value: number, options?: { includeInf?: boolean }): Patch;

  /**
   * Remove a narrow band around a frequency (DASCore `notch_filter`): scipy.signal.iirnotch(w0,
   * Q=q, fs) run forwards and backwards (filtfilt) along each dimension given. Output float64.
   *
   * @example
   * ```ts
   * patch.notchFilter(30, { time: 60 }); // remove 60 Hz hum, quality factor 30
   * ```
   */
  notchFilter(q: number, frequencies: Readonly<Record<string, number>>): Patch;

  /**
   * Median of a box of samples around each sample (DASCore `median_filter`,
   * scipy.ndimage.median_filter): box lengths per dimension in coordinate units (rounded up to
   * samples) or samples with `samples: true`; even boxes take the upper median; edges by
   * `mode` (default `"reflect"`).
   *
   * @example
   * ```ts
   * patch.medianFilter({ time: 0.02, distance: 3 });
   * patch.medianFilter({ time: 5 }, { samples: true, mode: "nearest" });
   * ```
   */
  medianFilter(windows: Readonly<Record<string, number>>, options?: NdFilterOptions): Patch;

  /**
   * Savitzky–Golay smoothing (DASCore `savgol_filter`, scipy.signal.savgol_filter): a polynomial
   * of `polyorder` fitted over a window (coordinate units, or samples with `samples: true`);
   * edges by polynomial fits (`mode: "interp"`, default) or ndimage modes.
   *
   * @example
   * ```ts
   * patch.savgolFilter(3, { time: 0.05 });
   * ```
   */
  savgolFilter(polyorder: number, windows: Readonly<Record<string, number>>, options?: NdFilterOptions): Patch;

  /**
   * Linear interpolation onto new coordinate values along one dimension (DASCore `interpolate`),
   * extrapolating past the ends; `{ time: null }` re-grids onto evenly spaced values. Output
   * float64.
   *
   * @example
   * ```ts
   * patch.interpolate({ distance: [0.5, 1.5, 2.5] });
   * ```
   */
  interpolate(targets: Readonly<Record<string, readonly (number | bigint | string)[] | null>>, options?: InterpolateOptions): Patch;

  /**
   * Derivative along `dim` (DASCore `differentiate`): numpy.gradient with second-order edges,
   * the coordinate's step in its units (seconds for time). `step` differentiates interleaved
   * sub-series. `data_units` become `units/coord_units` (text, not pint's normalised form);
   * `data_type` is cleared.
   *
   * @example
   * ```ts
   * patch.differentiate("time");
   * ```
   */
  differentiate(dim: string, options?: DifferentiateOptions): Patch;

  /**
   * Integral along `dim` (DASCore `integrate`): the running trapezoid (starting at 0), or with
   * `definite: true` one trapezoid sum per line, the dimension kept with length 1 at the mean
   * coordinate plus `pre_integrate_{dim}_min/_max` coordinates.
   *
   * @example
   * ```ts
   * patch.integrate("time", { definite: true });
   * ```
   */
  integrate(dim: string, options?: { definite?: boolean }): Patch;

  /**
   * Change the sampling step of a dimension (DASCore `resample`): scipy.signal.resample's
   * Fourier method to round(n · step / newStep) samples, then linear interpolation onto the
   * exact step when that count is not an integer. The value is the new step (seconds for time),
   * or the new number of samples with `samples: true`. float32 stays float32.
   *
   * @example
   * ```ts
   * patch.resample({ time: 0.008 });            // 250 Hz → 125 Hz
   * patch.resample({ time: 150 }, { samples: true });
   * ```
   */
  resample(steps: Readonly<Record<string, number | string | bigint>>, options?: ResampleOptions): Patch;

  /** Real part of complex samples (complex64 → float32); real data unchanged. History `real()`. @example `patch.dft("time").real()` */
  real(): Patch;
  /** Imaginary part of complex samples (zeros for real data). History `imag()`. @example `patch.hilbert("time").imag()` */
  imag(): Patch;
  /** Phase angle atan2(im, re) in radians; clears `data_type`. History `angle()`. @example `patch.hilbert("time").angle()` */
  angle(): Patch;
  /** Complex conjugate (real data unchanged). History `conj()`. @example `patch.dft("time").conj()` */
  conj(): Patch;

  /**
   * Discrete Fourier transform along one or more dimensions (DASCore `dft`, numpy fftn/rfftn).
   * Each transformed dimension is first zero-padded to scipy's `next_fast_len` (11-smooth;
   * `pad: false` to skip), becomes `ft_{dim}` (frequencies ascending, units inverted: `s` → `Hz`),
   * and the samples are scaled by the product of the steps. `real` takes the real FFT along that
   * dimension (`true`: the last given), keeping the n//2 + 1 non-negative bins. The old coordinate
   * (padded) and `_{dim}_unpadded` stay as coordinates over no dimension so {@link idft} restores
   * them. `output` `"AS"`, `"PS"`, `"PSD"` give amplitude, power or power-spectral-density (real),
   * in dB with `db`. `null` transforms every dimension; dimensions already transformed are skipped.
   * float32 input gives complex64 (numpy ≥ 2). `data_units` become data × coordinate units.
   *
   * @throws ParameterError for an unknown output, db with "FFT", or an uneven dimension.
   * @example
   * ```ts
   * const spec = patch.dft("time", { real: true });   // dims (distance, ft_time), complex128
   * const psd = patch.dft("time", { real: true, output: "PSD" });
   * ```
   */
  dft(dim: string | readonly string[] | null, options?: DftOptions): Patch;

  /**
   * Inverse of {@link dft} (DASCore `idft`): dimensions `ft_{dim}` (all of them when `null`; `"time"`
   * names `ft_time`) are transformed back, a coordinate starting at 0 marks the real axis
   * (irfft), padding is cut off, and the original coordinates and `data_type` come back.
   *
   * @throws ParameterError for a patch not made by dft(output "FFT").
   * @example
   * ```ts
   * patch.dft("time").idft().real(); // ≈ patch
   * ```
   */
  idft(dim?: string | readonly string[] | null): Patch;

  /**
   * Analytic signal along `dim` (DASCore `hilbert`, scipy.signal.hilbert): complex samples whose
   * real part is the data and imaginary part its Hilbert transform. Clears `data_type`.
   *
   * @throws ParameterError for complex input or an uneven dimension.
   * @example
   * ```ts
   * patch.hilbert("time").angle(); // instantaneous phase
   * ```
   */
  hilbert(dim: string): Patch;

  /**
   * Envelope along `dim` (DASCore `envelope`): |hilbert(dim)|, `data_type` `"envelope"`.
   *
   * @example
   * ```ts
   * patch.envelope("time");
   * ```
   */
  envelope(dim: string): Patch;

  /**
   * Spectrogram along `dim` (DASCore `spectrogram`, scipy.signal.spectrogram): segments of
   * `nperseg` samples (default 256, at most the length) overlapping by `noverlap` (default
   * nperseg // 8), Tukey(0.25) windowed, detrended, as one-sided power spectral density. `dim`
   * becomes `ft_{dim}` (frequencies, units `1 / s` for time) and a new last dimension `dim` holds
   * each segment's centre (start + (nperseg/2 + k·step)·dx).
   *
   * @example
   * ```ts
   * patch.spectrogram("time", { nperseg: 128 }); // dims (distance, ft_time, time)
   * ```
   */
  spectrogram(dim?: string, options?: SpectrogramOptions): Patch;

  /**
   * Spectral whitening along one dimension (DASCore `whiten`): the real dft, amplitudes set to 1
   * (or, with `smoothSize` in Hz, divided by their running mean, floored at `waterLevel` × its
   * maximum), phases kept, optionally tapered to a band (`{ time: [f1, f2, f3, f4] }`: 0 below
   * f1 and above f4, Hann ramps, 1 between f2 and f3; or `[lo, hi]`), then idft. No band key:
   * `time`. A patch already transformed stays in the frequency domain.
   *
   * @example
   * ```ts
   * patch.whiten();
   * patch.whiten({ time: [1, 2, 20, 25] }, { smoothSize: 0.5 });
   * ```
   */
  whiten(band?: Readonly<Record<string, WhitenBand | null>> | null, options?: WhitenOptions): Patch;

  /**
   * STA/LTA ratio along one dimension (DASCore `stalta`): rolling mean over `sta` ÷ rolling mean
   * over `lta` (seconds, or samples with `samples`); NaN until the window fits.
   *
   * @throws ParameterError when lta ≤ sta.
   * @example
   * ```ts
   * patch.abs().stalta({ time: [0.05, 0.5] });
   * ```
   */
  stalta(windows: Readonly<Record<string, readonly [number, number]>>, options?: { samples?: boolean }): Patch;

  /**
   * Cross-correlate every line of a 2-D patch with source lines (DASCore `correlate`):
   * `{ distance: 0 }` picks the source channel by coordinate value (the next sample at or after
   * it), a list picks several, `null` all (DASCore 0.1.21 raises "assignment destination is
   * read-only" there; daspool gives what the list of every coordinate value gives); `samples: true` takes indices. The other dimension is
   * zero-padded to a fast length ≥ 2n − 1 and becomes `lag_{dim}` (lag 0 in the middle; timedelta
   * for time); a last dimension `source_{dim}` holds the sources. `data_type` "correlation".
   * `lags` (a daspool addition) keeps only the lags in that range, as `.select({ lag_time: lags })`
   * afterwards would: the same coordinates, and the same numbers to rounding. Along an evenly
   * sampled dimension only those lags are computed: when they lie within ±K samples of 0, the
   * FFT is only as long as n + K needs (not 2n − 1), and the rest are never written.
   *
   * @example
   * ```ts
   * const cc = patch.correlate({ distance: 0 });  // dims (distance, lag_time, source_distance)
   * const near = patch.correlate({ distance: 0 }, { lags: [-1_000_000_000n, 1_000_000_000n] }); // ±1 s
   * ```
   */
  correlate(sources: Readonly<Record<string, number | readonly number[] | null>>, options?: { samples?: boolean; lags?: SelectRange }): Patch;

  /**
   * Velocity to strain rate (DASCore `velocity_to_strain_rate`): the centred gradient along
   * distance over `stepMultiple / 2` steps; `gauge_length` = step × stepMultiple.
   *
   * @throws AttrsError unless `data_type` is "velocity"; ParameterError for an odd stepMultiple.
   * @example
   * ```ts
   * patch.updateAttrs({ data_type: "velocity" }).velocityToStrainRate({ stepMultiple: 4 });
   * ```
   */
  velocityToStrainRate(options?: StrainRateOptions): Patch;

  /**
   * Set data and coordinate units without converting anything (DASCore `set_units`); data units
   * are replaced (null removes them). Units are checked with pint's grammar; time coordinates take
   * only seconds.
   *
   * @throws UnitError for a unit that does not parse.
   * @example
   * ```ts
   * patch.setUnits("m/s", { distance: "ft" });
   * ```
   */
  setUnits(dataUnits?: string | null, coords?: Readonly<Record<string, string | null>>): Patch;

  /**
   * Convert data and coordinate units, scaling the values (DASCore `convert_units`, pint's
   * factors, °C ↔ K offsets): `"m/s"` → `"mm/s"` multiplies the data by 1000; a coordinate range
   * stays a range. Data or coordinates without units just get the new ones.
   *
   * @throws UnitError for incompatible dimensions.
   * @example
   * ```ts
   * patch.setUnits("m/s").convertUnits("mm/s", { distance: "km" });
   * ```
   */
  convertUnits(dataUnits?: string | null, coords?: Readonly<Record<string, string>>): Patch;
}
