// Python-fnmatch globs (`*`, `?`, `[abc]`, `[!abc]`): as anchored regular expressions (attribute
// selects on rows, include/exclude of the walk, the CLI's format names) and translated into DuckDB
// GLOB syntax. DuckDB and fnmatch agree on `*`, `?`, `[abc]`, `[a-c]`, `[!abc]` and a leading `]` in a set; they differ where DuckDB treats `\` as an escape
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

const cache = new Map<string, RegExp>();

/**
 * Compiles a glob matched against a whole value, as Python's fnmatch.fnmatchcase does (`*` also
 * crosses `/` and newlines). Cached per pattern.
 * @example
 * ```ts
 * globToRegExp("s[!0]*").test("s1a"); // true
 * ```
 */
export function globToRegExp(glob: string): RegExp {
  const hit = cache.get(glob);
  if (hit) return hit;
  let re = "";
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i]!;
    if (ch === "*") re += "[\\s\\S]*";
    else if (ch === "?") re += "[\\s\\S]";
    else if (ch === "[") {
      const close = glob.indexOf("]", i + 2);
      if (close < 0) {
        re += "\\[";
        continue;
      }
      let body = glob.slice(i + 1, close);
      if (body.startsWith("!")) body = "^" + body.slice(1);
      re += "[" + body.replace(/\\/g, "\\\\") + "]";
      i = close;
    } else re += ch.replace(/[.+^${}()|\\\]]/g, "\\$&");
  }
  const compiled = new RegExp(`^${re}$`);
  cache.set(glob, compiled);
  return compiled;
}
