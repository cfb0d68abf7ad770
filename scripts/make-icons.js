#!/usr/bin/env node
/*
 * Draws the add-in's icons (a shield holding a calendar with a check mark) and writes
 * assets/icon-{16,32,64,80,128}.png. Pure node: shapes are rasterised with 8x8 supersampling
 * and written as RGBA PNGs through node's zlib, so the icons can be regenerated without any
 * image dependency:  node scripts/make-icons.js
 *
 * Coordinates are in a unit square (0..1, y down) so every size comes from the same drawing.
 * At 16 px the calendar would be mush, so the smallest icon keeps only the shield and a check.
 */
"use strict";

const fs = require("fs");
const path = require("path");
const zlib = require("zlib");

const SIZES = [16, 32, 64, 80, 128];
const SUPERSAMPLE = 8;

const COLORS = {
  shieldTop: hex("#0F6CBD"), // Office blue
  shieldBottom: hex("#038387"), // Office teal
  shieldEdge: hex("#0A4A82"),
  paper: hex("#FFFFFF"),
  header: hex("#0B4F8A"),
  ring: hex("#0A3D66"),
  check: hex("#038387"),
};

function hex(text) {
  const n = parseInt(text.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255, 255];
}

function mix(a, b, t) {
  return a.map((v, i) => v + (b[i] - v) * t);
}

// ---- geometry -------------------------------------------------------------------------

function quadratic(p0, c, p1, steps) {
  const out = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / steps;
    const u = 1 - t;
    out.push([u * u * p0[0] + 2 * u * t * c[0] + t * t * p1[0], u * u * p0[1] + 2 * u * t * c[1] + t * t * p1[1]]);
  }
  return out;
}

/** The shield outline, right half drawn from the top centre and mirrored. */
function shieldPolygon(inset) {
  const top = [0.5, 0.05 + inset];
  const shoulder = [0.88 - inset, 0.17 + inset * 0.6];
  const waist = [0.88 - inset, 0.47];
  const tip = [0.5, 0.96 - inset * 1.4];
  const right = [
    top,
    ...quadratic(top, [0.7, 0.15], shoulder, 16),
    waist,
    ...quadratic(waist, [0.87 - inset, 0.8], tip, 24),
  ];
  const left = right
    .slice(1, -1)
    .reverse()
    .map(([x, y]) => [1 - x, y]);
  return right.concat(left);
}

function insidePolygon(poly, x, y) {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const [xi, yi] = poly[i];
    const [xj, yj] = poly[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function insideRoundedRect(x, y, left, top, right, bottom, radius) {
  if (x < left || x > right || y < top || y > bottom) return false;
  const cx = Math.min(Math.max(x, left + radius), right - radius);
  const cy = Math.min(Math.max(y, top + radius), bottom - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
}

function distanceToSegment(x, y, [ax, ay], [bx, by]) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

function onPolyline(points, width, x, y) {
  for (let i = 0; i + 1 < points.length; i++) {
    if (distanceToSegment(x, y, points[i], points[i + 1]) <= width / 2) return true;
  }
  return false;
}

// ---- the drawing ----------------------------------------------------------------------

/** Returns a function (x, y) -> RGBA colour or null (transparent) for one icon size. */
function drawing(size) {
  const outer = shieldPolygon(0);
  const inner = shieldPolygon(size >= 64 ? 0.035 : 0.05);
  const simple = size <= 16;

  const calendar = { left: 0.27, top: 0.31, right: 0.73, bottom: 0.72, radius: 0.06 };
  const headerBottom = 0.42;
  const rings = [0.38, 0.62].map((cx) => ({ left: cx - 0.03, top: 0.25, right: cx + 0.03, bottom: 0.36, radius: 0.03 }));
  const calendarCheck = [
    [0.375, 0.565],
    [0.465, 0.65],
    [0.635, 0.48],
  ];
  const bigCheck = [
    [0.29, 0.5],
    [0.45, 0.66],
    [0.72, 0.36],
  ];

  return (x, y) => {
    if (!insidePolygon(outer, x, y)) return null;
    if (!insidePolygon(inner, x, y)) return COLORS.shieldEdge;
    let color = mix(COLORS.shieldTop, COLORS.shieldBottom, Math.min(1, Math.max(0, (y - 0.1) / 0.8)));

    if (simple) {
      return onPolyline(bigCheck, 0.15, x, y) ? COLORS.paper : color;
    }
    for (const ring of rings) {
      if (insideRoundedRect(x, y, ring.left, ring.top, ring.right, ring.bottom, ring.radius)) return COLORS.ring;
    }
    const c = calendar;
    if (insideRoundedRect(x, y, c.left, c.top, c.right, c.bottom, c.radius)) {
      color = y < headerBottom ? COLORS.header : COLORS.paper;
      if (onPolyline(calendarCheck, size >= 64 ? 0.07 : 0.085, x, y)) color = COLORS.check;
    }
    return color;
  };
}

function render(size) {
  const paint = drawing(size);
  const rgba = Buffer.alloc(size * size * 4);
  const n = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const color = paint((px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!color) continue;
          // Average in premultiplied form so edges do not darken.
          const alpha = color[3] / 255;
          r += color[0] * alpha;
          g += color[1] * alpha;
          b += color[2] * alpha;
          a += alpha;
        }
      }
      const offset = (py * size + px) * 4;
      if (a > 0) {
        rgba[offset] = Math.round(r / a);
        rgba[offset + 1] = Math.round(g / a);
        rgba[offset + 2] = Math.round(b / a);
        rgba[offset + 3] = Math.round((a / n) * 255);
      }
    }
  }
  return rgba;
}

// ---- PNG ------------------------------------------------------------------------------

const CRC_TABLE = Array.from({ length: 256 }, (_, k) => {
  let c = k;
  for (let i = 0; i < 8; i++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC_TABLE[(c ^ byte) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width, height, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits per channel
  header[9] = 6; // RGBA
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (stride + 1)] = 0; // filter: none
    rgba.copy(raw, y * (stride + 1) + 1, y * stride, (y + 1) * stride);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", zlib.deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function main() {
  const outDir = path.resolve(__dirname, "..", "assets");
  fs.mkdirSync(outDir, { recursive: true });
  for (const size of SIZES) {
    const file = path.join(outDir, `icon-${size}.png`);
    fs.writeFileSync(file, encodePng(size, size, render(size)));
    console.log(`wrote ${path.relative(process.cwd(), file)}`);
  }
}

if (require.main === module) main();

module.exports = { encodePng, render, SIZES };
