// Finds DASCore's Python for the side-by-side benchmarks: $DASCORE_PYTHON, else a cached venv
// installed (offline, ~30 s) from ../shared/tools/dascore; a reason to skip where neither works.

import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(new URL(".", import.meta.url));
const VENV = `${HERE}../data/dascore-venv`;
const INSTALLER = `${HERE}../../../shared/tools/dascore/install.sh`;

function works(python: string): boolean {
  try {
    execFileSync(python, ["-c", "import dascore"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** The path of a Python that imports dascore, or why there is none. */
export function dascorePython(): string | { skip: string } {
  const given = process.env["DASCORE_PYTHON"];
  if (given) return works(given) ? given : { skip: `DASCORE_PYTHON=${given} cannot import dascore` };
  const cached = `${VENV}/bin/python`;
  if (existsSync(cached) && works(cached)) return cached;
  if (!existsSync(INSTALLER)) return { skip: `DASCore's installer ${INSTALLER} is missing` };
  try {
    console.log(`installing DASCore into ${VENV} (offline, about 30 s)...`);
    execFileSync("bash", [INSTALLER, VENV], { stdio: ["ignore", "ignore", "inherit"] });
  } catch (e) {
    return { skip: `DASCore could not be installed: ${(e as Error).message.split("\n")[0]}` };
  }
  return works(cached) ? cached : { skip: "DASCore installed but does not import" };
}
