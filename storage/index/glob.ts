// Translates a Python-fnmatch glob into DuckDB GLOB syntax. They agree on `*`, `?`, `[abc]`,
// `[a-c]`, `[!abc]` and a leading `]` in a set; they differ where DuckDB treats `\` as an escape
// and an unclosed `[` as never matching, while fnmatch takes both literally. Both are escaped here.

/**
 * The DuckDB GLOB pattern that matches exactly what `fnmatch.fnmatchcase(value, pattern)` does.
 * @example
 * ```ts
 * fnmatchToDuckGlob("a\\b[c"); // "a\\\\b\\[c"
 * ```
 */
export function fnmatchToDuckGlob(pattern: string): string {
  let out = "";
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    if (ch === "\\") {
      out += "\\\\";
      i++;
    } else if (ch === "[") {
      // fnmatch: a set runs to the first `]` after an optional `!` and one more character.
      let j = i + 1;
      if (pattern[j] === "!") j++;
      if (pattern[j] === "]") j++;
      while (j < pattern.length && pattern[j] !== "]") j++;
      if (j >= pattern.length) {
        out += "\\[";
        i++;
      } else {
        const body = pattern.slice(i + 1, j).replaceAll("\\", "\\\\");
        out += `[${body}]`;
        i = j + 1;
      }
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}
