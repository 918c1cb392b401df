// fnmatch → DuckDB GLOB translation (issue 5): the cases where the two differ are escaped.
import { describe, expect, it } from "vitest";
import { fnmatchToDuckGlob, globToRegExp } from "../../../storage/index/glob.ts";

describe("fnmatchToDuckGlob", () => {
  it("keeps what both agree on", () => {
    for (const p of ["a*", "a?c", "[ab]c", "[!ab]c", "[a-c]x", "[]]", "[!]]"]) expect(fnmatchToDuckGlob(p)).toBe(p);
  });
  it("escapes backslashes and unclosed brackets, which fnmatch takes literally", () => {
    expect(fnmatchToDuckGlob("a\\b")).toBe("a\\\\b");
    expect(fnmatchToDuckGlob("a[b")).toBe("a\\[b");
    expect(fnmatchToDuckGlob("x[!")).toBe("x\\[!");
  });
});

describe("globToRegExp (one fnmatch for row selects, the walk's include/exclude and the CLI)", () => {
  it("matches whole values with *, ?, sets and negated sets; * crosses / and newlines", () => {
    expect(globToRegExp("s[!0]*").test("s1a")).toBe(true);
    expect(globToRegExp("s[!0]*").test("s0a")).toBe(false);
    expect(globToRegExp("day?/*.h5").test("day1/sub/a.h5")).toBe(true);
    expect(globToRegExp("a*").test("a\nb")).toBe(true);
    expect(globToRegExp("a.b").test("axb")).toBe(false);
    expect(globToRegExp("x[").test("x[")).toBe(true);
  });
});
