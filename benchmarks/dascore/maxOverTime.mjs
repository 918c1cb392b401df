// The map task of the DASCore comparison (issue 19): max over time of each window, as
// DASCore's `patch.aggregate(dim="time", method="max")`.
export function maxOverTime(patch) {
  return patch.aggregate("time", "max");
}
