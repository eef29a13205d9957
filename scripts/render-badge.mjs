// Renders the hand-drawn badge (examples/badge/microcred-badge.svg) to a PNG with pngjs: a small
// rasterizer for the two shapes the drawing uses, filled <polygon> and <circle>, painted in document
// order with 4×4 supersampling for smooth edges.
//
//   node scripts/render-badge.mjs [SIZE [OUT]]   (default 256 and examples/badge/microcred-badge.png)
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pngjs from 'pngjs';

const SVG = fileURLToPath(new URL('../examples/badge/microcred-badge.svg', import.meta.url));
const PNG_OUT = fileURLToPath(new URL('../examples/badge/microcred-badge.png', import.meta.url));

/** The viewBox and the filled shapes of `svg`, in painting order. Only what the badge uses is read. */
export function parseShapes(svg) {
  const viewBox = /viewBox="([^"]+)"/
    .exec(svg)?.[1]
    .trim()
    .split(/[\s,]+/)
    .map(Number);
  if (!viewBox || viewBox.length !== 4) throw new Error('the SVG has no viewBox');
  const shapes = [];
  for (const [, kind, attrs] of svg.matchAll(/<(circle|polygon)\b([^>]*)>/g)) {
    const a = Object.fromEntries([...attrs.matchAll(/([\w-]+)="([^"]*)"/g)].map(([, k, v]) => [k, v]));
    const fill = /^#([0-9a-f]{6})$/i.exec(a.fill ?? '')?.[1];
    if (!fill) throw new Error(`a <${kind}> without a #rrggbb fill`);
    const color = [0, 2, 4].map((i) => parseInt(fill.slice(i, i + 2), 16));
    if (kind === 'circle') {
      const [cx, cy, r] = [a.cx, a.cy, a.r].map(Number);
      shapes.push({
        color,
        box: [cx - r, cy - r, cx + r, cy + r],
        contains: (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r,
      });
    } else {
      const points = a.points
        .trim()
        .split(/\s+/)
        .map((p) => p.split(',').map(Number));
      const xs = points.map((p) => p[0]);
      const ys = points.map((p) => p[1]);
      shapes.push({
        color,
        box: [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)],
        contains: (x, y) => insidePolygon(points, x, y),
      });
    }
  }
  return { viewBox, shapes };
}

/** RGBA pixels of the shapes at `size`×`size`: each pixel averages `samples`² points, top shape first. */
export function render({ viewBox, shapes }, size, samples = 4) {
  const [minX, minY, width, height] = viewBox;
  const data = new Uint8Array(size * size * 4);
  const top = [...shapes].reverse();
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0,
        g = 0,
        b = 0,
        covered = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = minX + ((px + (sx + 0.5) / samples) * width) / size;
          const y = minY + ((py + (sy + 0.5) / samples) * height) / size;
          const shape = top.find(
            (s) => x >= s.box[0] && x <= s.box[2] && y >= s.box[1] && y <= s.box[3] && s.contains(x, y),
          );
          if (!shape) continue;
          r += shape.color[0];
          g += shape.color[1];
          b += shape.color[2];
          covered++;
        }
      }
      const o = (py * size + px) * 4;
      if (covered === 0) continue;
      data[o] = Math.round(r / covered);
      data[o + 1] = Math.round(g / covered);
      data[o + 2] = Math.round(b / covered);
      data[o + 3] = Math.round((255 * covered) / (samples * samples));
    }
  }
  return { width: size, height: size, data };
}

/** The PNG file of an RGBA image. */
export function encodePng({ width, height, data }) {
  const png = new pngjs.PNG({ width, height });
  png.data = Buffer.from(data);
  return pngjs.PNG.sync.write(png, { colorType: 6 });
}

// Even-odd rule: a point is inside when a ray to its right crosses the outline an odd number of times.
function insidePolygon(points, x, y) {
  let inside = false;
  for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
    const [xi, yi] = points[i];
    const [xj, yj] = points[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const size = Number(process.argv[2] ?? 256);
  const out = process.argv[3] ?? PNG_OUT;
  writeFileSync(out, encodePng(render(parseShapes(readFileSync(SVG, 'utf8')), size)));
  console.log(`wrote ${out} (${size}×${size})`);
}
