// The coordinate model of SPEC §2: one door for the classes, builders and pure index helpers.
export { Coord, type CoordValue, type SelectBound, type SelectRange, type CoordSelectOptions, type CoordSelection } from "./Coord.ts";
export { CoordRange } from "./CoordRange.ts";
export { CoordArray } from "./CoordArray.ts";
export { CoordPartial } from "./CoordPartial.ts";
export { coordRange, coordArray, coordFromRaw, toCoord, type CoordRangeInit, type CoordValuesInput } from "./build.ts";
export { rangeSliceIndices, sampleSliceIndices, type IndexRange } from "./rangeSlice.ts";
export { typedArrayDtype, isTimeDtype, isTypedArray, sameKind } from "./dtype.ts";
