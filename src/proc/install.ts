// Attaches the processing methods (SPEC §3.1) to Patch.prototype. Each method is thin: it calls
// a plumbing function that returns PatchParts and wraps them with `Patch.fromParts`. Patch.ts
// calls `installProcessing(Patch)` once, so this module never imports the Patch class (no cycle).
import { ParameterError } from "../errors.ts";
import type { PatchParts } from "../patch/construct.ts";
import type { PatchProcessing } from "./api.ts";
import { medianFilterParts, notchFilterParts, passFilterParts, savgolFilterParts } from "./filter.ts";
import { differentiateParts, integrateParts } from "./calculus.ts";
import { interpolateParts, resampleParts } from "./resample.ts";
import { decimateParts } from "./decimate.ts";
import { makeRolling } from "./rolling.ts";
import { demeanParts, detrendParts, normalizeParts, standardizeParts } from "./scaling.ts";
import { taperParts } from "./taper.ts";
import { binaryParts, unaryParts } from "./arith.ts";
import { complexFnParts, isComplex } from "./complexData.ts";
import { dftParts, idftParts } from "./fourier.ts";
import { envelopeParts, hilbertParts } from "./hilbert.ts";
import { spectrogramParts } from "./spectro.ts";
import { whitenParts } from "./whiten.ts";
import { staltaParts, velocityToStrainRateParts } from "./stalta.ts";
import { correlateParts } from "./correlate.ts";
import { convertUnitsParts, setUnitsParts } from "./units.ts";
import { dropCoordsParts, dropnaParts, fillnaParts, flipParts, padParts, renameCoordsParts, squeezeParts, transposeParts } from "./coords.ts";

interface PatchLike {
  readonly parts: PatchParts;
}

interface PatchClass {
  prototype: object;
  fromParts(parts: PatchParts): unknown;
}

/** A number, or a patch's parts (anything else is a ParameterError). */
function operand(other: unknown): number | PatchParts {
  if (typeof other === "number") return other;
  if (typeof other === "object" && other !== null && "parts" in other) return (other as PatchLike).parts;
  throw new ParameterError(`an arithmetic operand must be a number or a Patch, got ${typeof other}`);
}

/** Defines every method of {@link PatchProcessing} on `Patch.prototype`. */
export function installProcessing(Patch: PatchClass): void {
  const wrap = (parts: PatchParts): never => Patch.fromParts(parts) as never;
  const methods: { [K in keyof PatchProcessing]: (this: PatchLike, ...args: Parameters<PatchProcessing[K]>) => ReturnType<PatchProcessing[K]> } = {
    passFilter(band, options = {}) {
      return wrap(passFilterParts(this.parts, band, options));
    },
    detrend(dim, options = {}) {
      return wrap(detrendParts(this.parts, dim, options));
    },
    demean(dim = "time") {
      return wrap(demeanParts(this.parts, dim));
    },
    standardize(dim) {
      return wrap(standardizeParts(this.parts, dim));
    },
    normalize(dim, norm = "l2") {
      return wrap(normalizeParts(this.parts, dim, norm));
    },
    taper(lengths, options = {}) {
      return wrap(taperParts(this.parts, lengths, options));
    },
    rolling(window, options = {}) {
      return makeRolling(this.parts, window, options, wrap);
    },
    decimate(factors, options = {}) {
      return wrap(decimateParts(this.parts, factors, options));
    },
    add(other) {
      return wrap(binaryParts(this.parts, "add", operand(other)));
    },
    subtract(other) {
      return wrap(binaryParts(this.parts, "subtract", operand(other)));
    },
    multiply(other) {
      return wrap(binaryParts(this.parts, "multiply", operand(other)));
    },
    divide(other) {
      return wrap(binaryParts(this.parts, "divide", operand(other)));
    },
    abs() {
      return wrap(isComplex(this.parts) ? complexFnParts(this.parts, "abs") : unaryParts(this.parts, "abs"));
    },
    exp() {
      return wrap(unaryParts(this.parts, "exp"));
    },
    log() {
      return wrap(unaryParts(this.parts, "log"));
    },
    transpose(...dims) {
      return wrap(transposeParts(this.parts, dims));
    },
    squeeze(dim) {
      return wrap(squeezeParts(this.parts, dim));
    },
    renameCoords(mapping) {
      return wrap(renameCoordsParts(this.parts, mapping));
    },
    dropCoords(...names) {
      return wrap(dropCoordsParts(this.parts, names));
    },
    flip(...args) {
      const last = args[args.length - 1];
      const options = typeof last === "object" && last !== null ? (args.pop() as { flipCoords?: boolean }) : {};
      return wrap(flipParts(this.parts, args as string[], options.flipCoords ?? true));
    },
    pad(widths, options = {}) {
      return wrap(padParts(this.parts, widths, options));
    },
    dropna(dim, options = {}) {
      return wrap(dropnaParts(this.parts, dim, options.how ?? "any", options.includeInf ?? true));
    },
    notchFilter(q, frequencies) {
      return wrap(notchFilterParts(this.parts, q, frequencies));
    },
    medianFilter(windows, options = {}) {
      return wrap(medianFilterParts(this.parts, windows, options));
    },
    savgolFilter(polyorder, windows, options = {}) {
      return wrap(savgolFilterParts(this.parts, polyorder, windows, options));
    },
    interpolate(targets, options = {}) {
      return wrap(interpolateParts(this.parts, targets, options));
    },
    resample(steps, options = {}) {
      return wrap(resampleParts(this.parts, steps, options));
    },
    differentiate(dim, options = {}) {
      return wrap(differentiateParts(this.parts, dim, options));
    },
    integrate(dim, options = {}) {
      return wrap(integrateParts(this.parts, dim, options.definite ?? false));
    },
    real() {
      return wrap(complexFnParts(this.parts, "real"));
    },
    imag() {
      return wrap(complexFnParts(this.parts, "imag"));
    },
    angle() {
      return wrap(complexFnParts(this.parts, "angle"));
    },
    conj() {
      return wrap(complexFnParts(this.parts, "conj"));
    },
    dft(dim, options = {}) {
      return wrap(dftParts(this.parts, dim, options));
    },
    idft(dim = null) {
      return wrap(idftParts(this.parts, dim));
    },
    hilbert(dim) {
      return wrap(hilbertParts(this.parts, dim));
    },
    envelope(dim) {
      return wrap(envelopeParts(this.parts, dim));
    },
    spectrogram(dim = "time", options = {}) {
      return wrap(spectrogramParts(this.parts, dim, options));
    },
    whiten(band = null, options = {}) {
      return wrap(whitenParts(this.parts, band, options));
    },
    stalta(windows, options = {}) {
      return wrap(staltaParts(this.parts, windows, options.samples ?? false));
    },
    correlate(sources, options = {}) {
      return wrap(correlateParts(this.parts, sources, options.samples ?? false, options.lags));
    },
    velocityToStrainRate(options = {}) {
      return wrap(velocityToStrainRateParts(this.parts, options));
    },
    setUnits(dataUnits = null, coords = {}) {
      return wrap(setUnitsParts(this.parts, dataUnits, coords));
    },
    convertUnits(dataUnits = null, coords = {}) {
      return wrap(convertUnitsParts(this.parts, dataUnits, coords));
    },
    fillna(value, options = {}) {
      return wrap(fillnaParts(this.parts, value, options.includeInf ?? true));
    },
  };
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(Patch.prototype, name, { value: fn, writable: true, configurable: true, enumerable: false });
  }
}
