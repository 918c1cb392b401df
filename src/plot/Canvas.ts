// An RGB drawing surface for plots: rectangles, lines and bitmap text (horizontal or rotated
// a quarter turn), clipped to the canvas. It knows nothing of patches or axes.

import type { Rgb } from "./colormap.ts";
import { GLYPH_H, GLYPH_W, glyphPixel, textWidth } from "./font.ts";
import type { Raster } from "./png.ts";

/** Options of {@link Canvas.text}. */
export interface TextOptions {
  color?: Rgb;
  /** Font pixel size in canvas pixels (default 1). */
  scale?: number;
  /** Horizontal anchor along the text direction (default "left"). */
  align?: "left" | "center" | "right";
  /** Vertical anchor across the text direction (default "top"). */
  valign?: "top" | "middle" | "bottom";
  /** Rotate a quarter turn counter-clockwise, reading bottom to top (for a y-axis label). */
  vertical?: boolean;
}

/**
 * A width × height RGB canvas, white initially.
 *
 * @example
 * ```ts
 * const c = new Canvas(200, 100);
 * c.fillRect(10, 10, 50, 20, [255, 0, 0]);
 * c.text("12:00:05", 100, 50, { align: "center", valign: "middle" });
 * encodePng(c.toRaster());
 * ```
 */
export class Canvas {
  readonly pixels: Uint8Array;

  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb = [255, 255, 255],
  ) {
    this.pixels = new Uint8Array(width * height * 3);
    for (let i = 0; i < width * height; i++) this.pixels.set(background, i * 3);
  }

  /** Sets one pixel; outside the canvas is ignored. */
  set(x: number, y: number, color: Rgb): void {
    if (x < 0 || y < 0 || x >= this.width || y >= this.height) return;
    const o = (y * this.width + x) * 3;
    this.pixels[o] = color[0];
    this.pixels[o + 1] = color[1];
    this.pixels[o + 2] = color[2];
  }

  /** Fills the rectangle with top-left (x, y), clipped. */
  fillRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    for (let yy = Math.max(0, y); yy < Math.min(this.height, y + h); yy++) {
      for (let xx = Math.max(0, x); xx < Math.min(this.width, x + w); xx++) this.set(xx, yy, color);
    }
  }

  /** A one-pixel rectangle outline. */
  strokeRect(x: number, y: number, w: number, h: number, color: Rgb): void {
    this.fillRect(x, y, w, 1, color);
    this.fillRect(x, y + h - 1, w, 1, color);
    this.fillRect(x, y, 1, h, color);
    this.fillRect(x + w - 1, y, 1, h, color);
  }

  /** A one-pixel line from (x0, y0) to (x1, y1), endpoints included (Bresenham). */
  line(x0: number, y0: number, x1: number, y1: number, color: Rgb): void {
    let x = Math.round(x0);
    let y = Math.round(y0);
    const xe = Math.round(x1);
    const ye = Math.round(y1);
    const dx = Math.abs(xe - x);
    const dy = -Math.abs(ye - y);
    const sx = x < xe ? 1 : -1;
    const sy = y < ye ? 1 : -1;
    let err = dx + dy;
    for (;;) {
      this.set(x, y, color);
      if (x === xe && y === ye) return;
      const e2 = 2 * err;
      if (e2 >= dy) (err += dy), (x += sx);
      if (e2 <= dx) (err += dx), (y += sy);
    }
  }

  /** Draws `text` anchored at (x, y). */
  text(text: string, x: number, y: number, options: TextOptions = {}): void {
    const { color = [0, 0, 0], scale = 1, align = "left", valign = "top", vertical = false } = options;
    const along = textWidth(text) * scale;
    const across = GLYPH_H * scale;
    const shiftAlong = align === "left" ? 0 : align === "center" ? along / 2 : along;
    const shiftAcross = valign === "top" ? 0 : valign === "middle" ? across / 2 : across;
    // Text-space origin: u runs along the text, v across it (top of glyphs at v = 0).
    const u0 = -Math.round(shiftAlong);
    const v0 = -Math.round(shiftAcross);
    let u = u0;
    for (const ch of text) {
      for (let col = 0; col < GLYPH_W; col++) {
        for (let row = 0; row < GLYPH_H; row++) {
          if (!glyphPixel(ch, col, row)) continue;
          for (let dy = 0; dy < scale; dy++) {
            for (let dx = 0; dx < scale; dx++) {
              const tu = u + col * scale + dx;
              const tv = v0 + row * scale + dy;
              // Vertical text reads bottom to top: u goes up the canvas, v goes right.
              if (vertical) this.set(x + tv, y - tu, color);
              else this.set(x + tu, y + tv, color);
            }
          }
        }
      }
      u += (GLYPH_W + 1) * scale;
    }
  }

  /** The canvas as a 3-channel raster (shares the pixel buffer). */
  toRaster(): Raster {
    return { width: this.width, height: this.height, channels: 3, pixels: this.pixels };
  }
}
