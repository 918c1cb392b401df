// `daspool plot PATH --out fig.png`: renders one (selected) patch of a file or directory as a
// waterfall PNG.

import { writeFile } from "node:fs/promises";
import * as dc from "../../index.ts";
import { renderWaterfall } from "../../plot/index.ts";
import { intFlag, onePath, parseCommand, UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { helpOf } from "../help.ts";
import { openSpool, SPOOL_FLAGS, withIndexCheck } from "../open.ts";

/** The `plot` command. */
export const plotCommand: Command = {
  ...helpOf("plot"),
  async run(argv, io) {
    const { values, positionals } = parseCommand("plot", argv, {
      ...SPOOL_FLAGS,
      out: { type: "string", short: "o" },
      patch: { type: "string" },
      width: { type: "string" },
      height: { type: "string" },
      clip: { type: "string" },
      title: { type: "string" },
      merge: { type: "boolean" },
    });
    if (values.help) return io.out(helpOf("plot").usage);
    const path = onePath("plot", positionals);
    if (typeof values.out !== "string") throw new UsageError("plot: missing --out FIG.png");
    const index = intFlag("patch", values.patch, 0, 0);
    const width = intFlag("width", values.width, 900);
    const height = intFlag("height", values.height, 560);
    const clip = values.clip === undefined ? 99 : Number(values.clip);
    if (!(clip > 0 && clip <= 100)) throw new UsageError(`--clip must be a percentile in (0, 100], got "${String(values.clip)}"`);

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
    const png = renderWaterfall(patch, {
      width,
      height,
      clipPercentile: clip,
      ...(typeof values.title === "string" ? { title: values.title } : {}),
    });
    await writeFile(values.out, png);
    const note = count > 1 ? ` (patch ${index} of ${count}; choose with --patch)` : "";
    io.out(`wrote ${values.out} (${width}x${height}, ${patch.shape.join(" x ")} samples)${note}\n`);
  },
};
