// fnmatch → DuckDB GLOB translation (issue 5): the cases where the two differ are escaped.
import { describe, expect, it } from "vitest";
import { fnmatchToDuckGlob } from "../../../storage/index/glob.ts";

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
