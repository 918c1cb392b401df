// Index order (`time_min` NULLS LAST, `path`, `key`) of a query result, checked in JS: queries
// without ORDER BY read the Parquet in its written order, which already is the index order.
import { asBigint } from "./decode.ts";

function compareText(a: unknown, b: unknown): number {
  const x = String(a ?? "");
  const y = String(b ?? "");
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * Compares rows `i` and `j` in index order; `time` is null when the index has no time column.
 * @example
 * ```ts
 * compareRows(time, path, key, 0, 1); // -1: row 0 comes first
 * ```
 */
export function compareRows(time: readonly unknown[] | null, path: readonly unknown[], key: readonly unknown[], i: number, j: number): number {
  if (time) {
    const a = asBigint(time[i]);
    const b = asBigint(time[j]);
    if (a !== b) {
      if (a === null) return 1; // NULLS LAST, as ORDER BY sorts them
      if (b === null) return -1;
      return a < b ? -1 : 1;
    }
  }
  return compareText(path[i], path[j]) || compareText(key[i], key[j]);
}

/**
 * Null when the result's rows already are in index order (the usual case: one pass), else the
 * row order that sorts them (e.g. rows of several Parquet files, or a reordering scan).
 * @example
 * ```ts
 * const order = indexOrderPermutation(reader.columnNames(), reader.getColumns()); // null
 * ```
 */
export function indexOrderPermutation(names: readonly string[], columns: readonly unknown[][]): number[] | null {
  const col = (n: string) => {
    const k = names.indexOf(n);
    return k < 0 ? null : columns[k]!;
  };
  const time = col("time_min");
  const path = col("path") ?? [];
  const key = col("key") ?? [];
  const n = columns[0]?.length ?? 0;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = compareRows(time, path, key, i - 1, i) <= 0;
  if (sorted) return null;
  return Array.from({ length: n }, (_, i) => i).sort((i, j) => compareRows(time, path, key, i, j) || i - j);
}
