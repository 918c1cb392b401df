// The plotting door for the CLI and scripts: waterfall rendering and the PNG codec.

export { plot, plotKind } from "./plot.ts";
export type { PlotOptions } from "./plot.ts";
export { renderWaterfall, drawWaterfall, waterfallAxes } from "./waterfall.ts";
export { drawWiggle } from "./wiggle.ts";
export type { WaterfallOptions } from "./waterfall.ts";
export { encodePng, decodePng } from "./png.ts";
export type { Raster } from "./png.ts";
