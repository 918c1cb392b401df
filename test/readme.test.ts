// The README's generated parts (format table, CLI reference) must match the code (regenerate
// with `npx tsx scripts/readme.ts`), its examples marked `run` must run as written, the API
// reference in docs/api must be what typedoc makes of the TSDoc today (`npx tsx
// scripts/readme-api.ts`), and the user's page must stay a user's page.

import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { API_DIR, freshApiDocs } from "../scripts/readme-api.ts";
import { replaceSection, SECTIONS } from "../scripts/readmeSections.ts";

const ROOT = resolve(import.meta.dirname, "..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const TSX = join(ROOT, "node_modules/tsx/dist/loader.mjs");

/** The README's code blocks whose info string is `<lang> run`, in order. */
function runnable(lang: "ts" | "sh"): string[] {
  return [...readme.matchAll(/```(ts|sh) run\n([\s\S]*?)```/g)].filter((m) => m[1] === lang).map((m) => m[2]!);
}

function run(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) =>
    execFile(cmd, args, { cwd, maxBuffer: 64 * 1024 * 1024 }, (e, stdout, stderr) =>
      done({ code: e ? (typeof e.code === "number" ? e.code : 2) : 0, stdout, stderr }),
    ),
  );
}

describe("README", () => {
  for (const [name, body] of Object.entries(SECTIONS)) {
    it(`has a current ${name} section`, () => {
      expect(replaceSection(readme, name, body())).toBe(readme);
    });
  }

  it("shows the two commands", () => {
    expect(readme).toContain("npm install && npm start");
    expect(readme).toContain("npm test");
  });

  it("is written for users: install from a checkout or a tarball, no issue numbers or benchmark logs", () => {
    expect(readme).toContain("npm pack");
    expect(readme).toContain("npm install ../daspool/daspool-0.1.0.tgz");
    expect(readme).not.toMatch(/npm install daspool\b/);
    expect(readme).toContain("**The task module.** A worker task is `dc.workerTask(moduleUrl, exportName)`");
    expect(readme.replace(/<!-- integrator:.*?-->/g, "")).not.toMatch(/\bissue \d+|\(issue|## Benchmarks|## How the code is laid out/i);
    for (const doc of ["docs/DEVELOPING.md", "docs/BENCHMARKS.md", "docs/api/index.md", "CHANGELOG.md", "LICENSE"]) {
      expect(readme).toContain(doc.startsWith("docs/api") ? "docs/api/index.md" : doc);
      expect(existsSync(join(ROOT, doc)), doc).toBe(true);
    }
  });

  it("has an MIT LICENSE matching package.json and a CHANGELOG entry for the package version", () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { license: string; version: string };
    expect(pkg.license).toBe("MIT");
    expect(readFileSync(join(ROOT, "LICENSE"), "utf8")).toMatch(/^MIT License\n\nCopyright \(c\) \d{4}/);
    expect(readFileSync(join(ROOT, "CHANGELOG.md"), "utf8")).toContain(`## ${pkg.version}`);
  });
});

describe("README examples", { timeout: 600_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), "daspool-readme-run-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("run as written: the TypeScript tour, then the command line, in one fresh folder", async () => {
    const ts = runnable("ts");
    const sh = runnable("sh");
    expect(ts.length).toBeGreaterThanOrEqual(4);
    expect(sh.length).toBe(1);
    // The only change: "daspool" resolves to this checkout's source instead of an installed copy.
    for (const [i, block] of ts.entries()) {
      const file = join(dir, `example-${i}.mts`);
      writeFileSync(file, block.replaceAll('from "daspool"', `from ${JSON.stringify(join(ROOT, "src/index.ts"))}`));
      const r = await run(process.execPath, ["--import", TSX, file], dir);
      expect(r.stderr, `README ts block ${i}`).toBe("");
      expect(r.code, `README ts block ${i}`).toBe(0);
      if (i === 0) expect(r.stdout).toContain("[ 300, 1000 ] [ 300, 1 ]\n12\n");
      if (i === 1) expect(r.stdout).toBe("1578009608000\n2020-01-03T00:00:08 4000000n\n");
    }
    const script = `set -e\ndaspool() { node --import ${JSON.stringify(TSX)} ${JSON.stringify(join(ROOT, "src/cli/main.ts"))} "$@"; }\n${sh[0]}`;
    const r = await run("bash", ["-c", script], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("  index: 3 file(s), 3 patch(es)\n");
    expect(r.stdout).toMatch(/^path +time_min +time_step\n/m);
    for (const png of ["example.png", "archive.png", "archive-cli.png"]) expect(existsSync(join(dir, png)), png).toBe(true);
    expect(readdirSync(join(dir, "windows"))).toHaveLength(4);
  });
});

describe("API reference", { timeout: 600_000 }, () => {
  it("docs/api is what typedoc makes of the TSDoc today", async () => {
    const fresh = await freshApiDocs();
    expect(readdirSync(API_DIR).sort()).toEqual([...fresh.keys()]);
    for (const [name, text] of fresh) expect(readFileSync(join(API_DIR, name), "utf8"), `docs/api/${name}`).toBe(text);
    expect(fresh.get("index.md")).toContain("contentsRows");
    expect(fresh.get("index.md")).toContain("### plot()");
  });
});
