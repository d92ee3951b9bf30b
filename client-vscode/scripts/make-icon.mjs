// Writes images/icon.png (128x128 RGBA): a magnifying glass over a database cylinder. No dependencies.
import * as fs from "fs";
import * as zlib from "zlib";

const W = 128, H = 128;
const px = Buffer.alloc(W * H * 4);
const put = (x, y, [r, g, b, a = 255]) => { const i = (y * W + x) * 4; px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a; };
const BG = [32, 52, 92], DB = [214, 40, 40], DB2 = [170, 24, 24], GLASS = [240, 240, 240], LENS = [120, 190, 255, 200];

for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) {
  // rounded square background
  const r = 22, cx = Math.min(Math.max(x, r), W - 1 - r), cy = Math.min(Math.max(y, r), H - 1 - r);
  const inside = (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
  put(x, y, inside ? BG : [0, 0, 0, 0]);
  if (!inside) continue;
  // database cylinder (left-top)
  const ex = (x - 50) / 30;
  const top = (y - 30) / 9, bottom = (y - 78) / 9;
  if (Math.abs(ex) <= 1 && y >= 30 && y <= 78) put(x, y, DB);
  if (ex * ex + bottom * bottom <= 1) put(x, y, DB);
  for (const band of [46, 62]) { const t = (y - band) / 9; if (Math.abs(ex) <= 1 && ex * ex + t * t <= 1 && ex * ex + t * t >= 0.55 && y >= band) put(x, y, DB2); }
  if (ex * ex + top * top <= 1) put(x, y, [240, 90, 90]);
  // magnifying glass (right-bottom): ring, lens, handle
  const d = Math.hypot(x - 78, y - 76);
  if (d <= 22) put(x, y, [Math.round((LENS[0] + BG[0]) / 2), Math.round((LENS[1] + BG[1]) / 2), Math.round((LENS[2] + BG[2]) / 2)]);
  if (d > 22 && d <= 29) put(x, y, GLASS);
  const t = ((x - 98) + (y - 96)) / 2, n = Math.abs((x - 98) - (y - 96)) / Math.SQRT2;
  if (t >= 0 && t <= 20 && n <= 6) put(x, y, GLASS);
}

const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc32 = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(W, 0); ihdr.writeUInt32BE(H, 4); ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
const raw = Buffer.concat(Array.from({ length: H }, (_, y) => Buffer.concat([Buffer.from([0]), px.subarray(y * W * 4, (y + 1) * W * 4)])));
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw, { level: 9 })), chunk("IEND", Buffer.alloc(0))]);
fs.mkdirSync(new URL("../images/", import.meta.url), { recursive: true });
fs.writeFileSync(new URL("../images/icon.png", import.meta.url), png);
console.log(`images/icon.png: ${png.length} bytes`);
