// Walks a directory tree for the index: regular files (symlinks to files followed, symlinked
// folders not), hidden entries skipped, with size and mtime in ns. Paths are relative, `/`-joined.
import { promises as fs } from "node:fs";
import { join } from "node:path";

/** What the index compares to decide whether a file changed. */
export interface FileState {
  size: number;
  mtimeNs: bigint;
}

/**
 * All files under `root` except hidden ones and those under `skip` (absolute folder paths).
 * @example
 * ```ts
 * const files = await walkTree("/data/archive"); // Map { "2023/a.h5" => { size, mtimeNs } }
 * ```
 */
export async function walkTree(root: string, skip: readonly string[] = []): Promise<Map<string, FileState>> {
  const out = new Map<string, FileState>();
  const skipped = new Set(skip);
  async function visit(abs: string, rel: string): Promise<void> {
    let entries;
    try {
      entries = await fs.readdir(abs, { withFileTypes: true });
    } catch {
      return; // unreadable folder: nothing to index there
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const files: Promise<void>[] = [];
    for (const e of entries) {
      if (e.name.startsWith(".")) continue;
      const childAbs = join(abs, e.name);
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (!skipped.has(childAbs)) await visit(childAbs, childRel);
      } else if (e.isFile() || e.isSymbolicLink()) {
        files.push(
          fs.stat(childAbs, { bigint: true }).then(
            (st) => {
              if (st.isFile()) out.set(childRel, { size: Number(st.size), mtimeNs: st.mtimeNs });
            },
            () => undefined, // vanished or dangling link
          ),
        );
      }
    }
    await Promise.all(files);
  }
  await visit(root, "");
  return out;
}
