// Plain rows of a contents table with exact times: Arrow JS hands timestamp[ns] cells out as
// float milliseconds, so the nanoseconds are read from the column buffers here instead.

import type { Table } from "apache-arrow";

/** A contents cell: bigint ns for times and durations, numbers, text, or null. */
export type ContentsValue = bigint | number | string | null;

/** One row of {@link contentsRows}: column name → value. */
export type ContentsRow = Record<string, ContentsValue>;

interface Chunk {
  length: number;
  offset: number;
  values: ArrayLike<unknown>;
  nullCount: number;
  getValid(i: number): boolean;
}

/** Exact bigint cells of a 64-bit ns column (timestamp[ns] or duration[ns]), chunk by chunk. */
function bigintCells(chunks: readonly Chunk[]): (bigint | null)[] {
  const out: (bigint | null)[] = [];
  for (const c of chunks) {
    const values = c.values as BigInt64Array;
    for (let i = 0; i < c.length; i++) out.push(c.nullCount > 0 && !c.getValid(i) ? null : values[c.offset + i]!);
  }
  return out;
}

/**
 * The rows of a contents table (`spool.getContents()`) as plain objects, with `*_min`/`*_max` of
 * time coordinates and every `*_step` of time as exact bigint nanoseconds.
 *
 * Why: Apache Arrow JS converts a timestamp[ns] cell to a float number of milliseconds when read
 * with `table.get(i)`, `row.time_min` or `column.get(i)` (so `1578009600000`, not
 * `1578009600000000000n`), which loses sub-millisecond precision and is not what
 * `dc.formatDatetime64` takes. duration[ns] cells come out as bigint already. This helper reads
 * both kinds from the column buffers, so every time is exact; strings come out as strings
 * (dictionaries decoded), other numbers as numbers, missing values as null.
 *
 * @example
 * ```ts
 * const rows = dc.contentsRows(await dc.spool("/data/das").getContents());
 * rows[0].time_min;                               // 1704067200000000000n
 * dc.formatDatetime64(rows[0].time_min as bigint); // "2024-01-01T00:00:00"
 * ```
 */
export function contentsRows(table: Table): ContentsRow[] {
  const rows: ContentsRow[] = Array.from({ length: table.numRows }, () => ({}));
  for (const field of table.schema.fields) {
    const column = table.getChild(field.name);
    if (!column) continue;
    const type = String(field.type);
    const exact = /^(Timestamp|Duration)<NANOSECOND>$/.test(type) ? bigintCells(column.data as unknown as Chunk[]) : null;
    for (let i = 0; i < table.numRows; i++) {
      const v: unknown = exact ? exact[i] : column.get(i);
      rows[i]![field.name] = v === undefined ? null : (v as ContentsValue);
    }
  }
  return rows;
}
