// `daspool plot PATH --out fig.png`: a thin wrapper over dc.plot for one (selected) patch of a
// file or directory: waterfall or wiggle, colormap, limits, clip, demean.

import { writeFile } from "node:fs/promises";
import { extname } from "node:path";
import * as dc from "../../index.ts";
import { intFlag, onePath, parseCommand, UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { helpOf } from "../help.ts";
import { openSpool, SPOOL_FLAGS, withIndexCheck } from "../open.ts";

function numberFlag(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== "string" || value.trim() === "" || !Number.isFinite(n)) throw new UsageError(`--${name} must be a number, got "${String(value)}"`);
  return n;
}

/** The `plot` command. */
export const plotCommand: Command = {
  ...helpOf("plot"),
  async run(argv, io) {
    const { values, positionals } = parseCommand("plot", argv, {
      ...SPOOL_FLAGS,
      out: { type: "string", short: "o" },
      patch: { type: "string" },
      kind: { type: "string" },
      cmap: { type: "string" },
      vmin: { type: "string" },
      vmax: { type: "string" },
      clip: { type: "string" },
      demean: { type: "boolean" },
      width: { type: "string" },
      height: { type: "string" },
      title: { type: "string" },
      merge: { type: "boolean" },
    });
    if (values.help) return io.out(helpOf("plot").usage);
    const path = onePath("plot", positionals);
    const out = values.out;
    if (typeof out !== "string") throw new UsageError("plot: missing --out FIG.png");
    if (extname(out).toLowerCase() !== ".png") {
      throw new UsageError(`plot: can only write PNG images; --out must end in .png, got "${out}"`);
    }
    const index = intFlag("patch", values.patch, 0, 0);
    const options: dc.PlotOptions = {
      width: intFlag("width", values.width, 900),
      height: intFlag("height", values.height, 560),
    };
    const clip = numberFlag("clip", values.clip);
    if (clip !== undefined && !(clip > 0 && clip <= 100)) throw new UsageError(`--clip must be a percentile in (0, 100], got "${String(values.clip)}"`);
    for (const [key, v] of [["clip", clip], ["vmin", numberFlag("vmin", values.vmin)], ["vmax", numberFlag("vmax", values.vmax)]] as const) {
      if (v !== undefined) options[key] = v;
    }
    if (values.kind !== undefined) {
      if (values.kind !== "waterfall" && values.kind !== "wiggle") throw new UsageError(`--kind must be waterfall or wiggle, got "${String(values.kind)}"`);
      options.kind = values.kind;
    }
    if (typeof values.cmap === "string") options.cmap = values.cmap;
    if (values.demean) options.demean = true;
    if (typeof values.title === "string") options.title = values.title;

    let sp = await openSpool(path, values);
    // Contiguous patches (consecutive files of one station) become one image.
    if (values.merge) sp = sp.chunk({ time: null });
    const { count, patch } = await withIndexCheck(path, values, io, async () => {
      const count = await sp.count();
      if (count === 0) throw new UsageError(`plot: no patch in ${path} matches the selection`);
      if (index >= count) throw new UsageError(`plot: --patch ${index} is out of range; the selection has ${count} patch(es)`);
      return { count, patch: await sp.get(index) };
    });
    if (!(patch instanceof dc.Patch)) throw new UsageError(`plot: item ${index} is not a patch`);
    const png = await dc.plot(patch, options);
    await writeFile(out, png);
    const note = count > 1 ? ` (patch ${index} of ${count}; choose with --patch)` : "";
    io.out(`wrote ${out} (${options.width}x${options.height}, ${patch.shape.join(" x ")} samples)${note}\n`);
  },
};
