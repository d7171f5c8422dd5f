import { zipSync, type Zippable } from 'fflate';
import { crc32, deflateSync } from 'node:zlib';

/** The placeholder id the committed manifest carries; teams:package puts the configured one in. */
export const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Filled = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string };

/** The manifest with the bot's app id (and the Teams app id, the same unless given) filled in. */
export function fillManifest(manifest: Record<string, unknown>, ids: { botId: string | undefined; appId?: string | undefined; version?: string }): Filled {
  const botId = ids.botId?.trim();
  if (!botId || !GUID.test(botId)) return { ok: false, reason: 'MicrosoftAppId must be set to the bot registration\'s app id (a GUID)' };
  const appId = ids.appId?.trim() || botId;
  if (!GUID.test(appId)) return { ok: false, reason: 'TEAMS_APP_ID must be a GUID' };
  const bots = Array.isArray(manifest.bots) ? (manifest.bots as Array<Record<string, unknown>>) : [];
  return {
    ok: true,
    value: {
      ...manifest,
      id: appId,
      ...(ids.version ? { version: ids.version } : {}),
      bots: bots.map((b) => ({ ...b, botId })),
    },
  };
}

/** An RGBA image as a PNG file (no dependency: zlib does the compression). */
export function encodePng(width: number, height: number, rgba: Uint8Array): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const raw = Buffer.alloc((width * 4 + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0; // no filter
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Reads width and height from a PNG's IHDR. */
export function pngSize(png: Buffer): { width: number; height: number } | undefined {
  if (png.length < 24 || png.readUInt32BE(0) !== 0x89504e47 || png.toString('ascii', 12, 16) !== 'IHDR') return undefined;
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Is a point inside the speech bubble (a rounded box with a tail), in unit coordinates? */
function inBubble(x: number, y: number): boolean {
  const [l, t, r, b, rad] = [0.2, 0.22, 0.8, 0.66, 0.1];
  const cx = Math.min(Math.max(x, l + rad), r - rad);
  const cy = Math.min(Math.max(y, t + rad), b - rad);
  const inBox = x >= l && x <= r && y >= t && y <= b && (x - cx) ** 2 + (y - cy) ** 2 <= rad ** 2;
  // The tail: a triangle under the bubble's left side.
  const inTail = y >= b - 0.01 && y <= 0.8 && x >= 0.3 && x <= 0.3 + (0.8 - y) * 1.1;
  return inBox || inTail;
}

/** Draws the app icons: 192×192 white bubble on the accent colour; 32×32 white outline on transparent. */
export function drawIcon(kind: 'color' | 'outline'): Buffer {
  const size = kind === 'color' ? 192 : 32;
  const px = new Uint8Array(size * size * 4);
  const samples = 4; // supersampling for smooth edges
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      let inside = 0;
      let edge = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const u = (x + (sx + 0.5) / samples) / size;
          const v = (y + (sy + 0.5) / samples) / size;
          if (inBubble(u, v)) {
            inside++;
            // The outline is the bubble minus a shrunken copy of itself.
            const k = 0.09;
            if (!inBubble(0.5 + (u - 0.5) / (1 - k * 2), 0.44 + (v - 0.44) / (1 - k * 2))) edge++;
          }
        }
      }
      const i = (y * size + x) * 4;
      const n = samples * samples;
      if (kind === 'color') {
        const a = inside / n;
        px[i] = Math.round(0x0b + (255 - 0x0b) * a);
        px[i + 1] = Math.round(0x5c + (255 - 0x5c) * a);
        px[i + 2] = Math.round(0xad + (255 - 0xad) * a);
        px[i + 3] = 255;
      } else {
        px[i] = px[i + 1] = px[i + 2] = 255;
        px[i + 3] = Math.round((edge / n) * 255);
      }
    }
  }
  return encodePng(size, size, px);
}

/** A zip archive of files at its root (deflated), as Teams expects the app package. fflate writes it. */
export function zip(files: Array<{ name: string; data: Buffer }>, date = new Date(Date.UTC(2026, 0, 1))): Buffer {
  const entries: Zippable = Object.fromEntries(files.map((f) => [f.name, [new Uint8Array(f.data), { mtime: date }]]));
  return Buffer.from(zipSync(entries, { level: 9 }));
}
