// `daspool plot PATH --out fig.png`: renders one (selected) patch of a file or directory as a
// waterfall PNG.

import { writeFile } from "node:fs/promises";
import * as dc from "../../index.ts";
import { renderWaterfall } from "../../plot/index.ts";
import { intFlag, onePath, parseCommand, UsageError } from "../args.ts";
import type { Command } from "../command.ts";
import { openSpool, SPOOL_FLAGS, SPOOL_FLAGS_HELP } from "../open.ts";

const usage = `Usage: daspool plot PATH --out FIG.png [options]

Render a patch of PATH (a DAS file or an indexed directory) as a waterfall image: time along
x, distance (or the other dimension) down y, a blue-white-red diverging colormap clipped
symmetrically at a percentile of |x|, labelled axes and a colour bar. Large patches are
downsampled to the image, keeping each pixel's largest-magnitude sample.

Options:
  -o, --out FILE       the PNG to write (required)
${SPOOL_FLAGS_HELP}
  --patch N            which selected patch to draw, from 0 (default 0)
  --width W            image width in pixels (default 900)
  --height H           image height in pixels (default 560)
  --clip P             percentile of |x| where colours saturate (default 99)
  --title TEXT         title line (default: station, tag, data type and shape)
  -h, --help           show this help

Example:
  daspool plot shot.hdf5 --select distance=400..700 --out shot.png
`;

/** The `plot` command. */
export const plotCommand: Command = {
  name: "plot",
  summary: "draw a waterfall PNG of a patch",
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommand("plot", argv, {
      ...SPOOL_FLAGS,
      out: { type: "string", short: "o" },
      patch: { type: "string" },
      width: { type: "string" },
      height: { type: "string" },
      clip: { type: "string" },
      title: { type: "string" },
    });
    if (values.help) return io.out(usage);
    const path = onePath("plot", positionals);
    if (typeof values.out !== "string") throw new UsageError("plot: missing --out FIG.png");
    const index = intFlag("patch", values.patch, 0, 0);
    const width = intFlag("width", values.width, 900);
    const height = intFlag("height", values.height, 560);
    const clip = values.clip === undefined ? 99 : Number(values.clip);
    if (!(clip > 0 && clip <= 100)) throw new UsageError(`--clip must be a percentile in (0, 100], got "${String(values.clip)}"`);

    const sp = openSpool(path, values);
    const count = await sp.count();
    if (count === 0) throw new UsageError(`plot: no patch in ${path} matches the selection`);
    if (index >= count) throw new UsageError(`plot: --patch ${index} is out of range; the selection has ${count} patch(es)`);
    const patch = await sp.get(index);
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
