// Draws costbot's Teams icons (a rising bar chart) and writes manifest/teams/color.png (192x192,
// full colour) and outline.png (32x32, white on transparent, as Teams requires). Run once; both are committed.
import { writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { encodePng } from "./png.js";

type Rgba = [number, number, number, number];
const WHITE: Rgba = [255, 255, 255, 255];
const ACCENT: Rgba = [15, 108, 189, 255]; // #0F6CBD, the manifest's accentColor

/** Bars as fractions of the icon: [left, top, right, bottom]. Three rising bars on a baseline. */
const SHAPES: Array<[number, number, number, number]> = [
  [0.22, 0.56, 0.34, 0.78],
  [0.44, 0.4, 0.56, 0.78],
  [0.66, 0.22, 0.78, 0.78],
  [0.16, 0.78, 0.84, 0.84],
];

export function drawIcon(size: number, background: Rgba | null, ink: Rgba): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const cx = (x + 0.5) / size;
      const cy = (y + 0.5) / size;
      const onShape = SHAPES.some(([l, t, r, b]) => cx >= l && cx < r && cy >= t && cy < b);
      const color = onShape ? ink : background;
      if (color) px.set(color, (y * size + x) * 4);
    }
  }
  return px;
}

export function renderIcons(): { color: Buffer; outline: Buffer } {
  return {
    color: encodePng(192, 192, drawIcon(192, ACCENT, WHITE)),
    outline: encodePng(32, 32, drawIcon(32, null, WHITE)),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { color, outline } = renderIcons();
  writeFileSync(new URL("../manifest/teams/color.png", import.meta.url), color);
  writeFileSync(new URL("../manifest/teams/outline.png", import.meta.url), outline);
  console.log("wrote manifest/teams/color.png (192x192) and outline.png (32x32)");
}
