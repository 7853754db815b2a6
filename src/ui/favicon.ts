/**
 * The site's icon: a white map pin on the header's dark blue. The pages link the SVG
 * (`/assets/favicon.svg`); `/favicon.ico`, which browsers, bookmarks and tools ask for on
 * their own, is the same picture drawn into a 32×32 ICO here (no image tooling, no binary file
 * in the repository). Node serves both from the app; on Workers they are static assets
 * (src/ui/assets-build.ts).
 */

const BLAUW = [0x15, 0x42, 0x73] as const;
const WIT = [0xff, 0xff, 0xff] as const;

/** The pin: a circle with a point below it and a hole; the same shapes in the SVG and the ICO. */
const PIN = { cx: 16, cy: 13, r: 8.5, punt: 29, gat: 3.2 };

export const FAVICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#154273"/><path d="M16 ${PIN.punt} L${(PIN.cx - 7.2).toFixed(1)} ${(PIN.cy + 4.5).toFixed(1)} A${PIN.r} ${PIN.r} 0 1 1 ${(PIN.cx + 7.2).toFixed(1)} ${(PIN.cy + 4.5).toFixed(1)} Z" fill="#fff"/><circle cx="${PIN.cx}" cy="${PIN.cy}" r="${PIN.gat}" fill="#154273"/></svg>`;

/** The colour at point (x, y) of the 32×32 picture, or undefined outside the rounded square. */
function kleurOp(x: number, y: number): readonly [number, number, number] | undefined {
  const rx = 6;
  const hx = Math.max(rx - x, x - (32 - rx), 0);
  const hy = Math.max(rx - y, y - (32 - rx), 0);
  if (hx * hx + hy * hy > rx * rx) return undefined;
  const dx = x - PIN.cx;
  const dy = y - PIN.cy;
  const afstand = Math.hypot(dx, dy);
  if (afstand <= PIN.gat) return BLAUW;
  if (afstand <= PIN.r) return WIT;
  // The point: a triangle from the circle's lower flanks down to the tip.
  const links = PIN.cx - 7.2;
  const boven = PIN.cy + 4.5;
  if (y >= boven && y <= PIN.punt) {
    const halveBreedte = (PIN.cx - links) * ((PIN.punt - y) / (PIN.punt - boven));
    if (Math.abs(dx) <= halveBreedte) return WIT;
  }
  return BLAUW;
}

let ico: Uint8Array<ArrayBuffer> | undefined;

/** `/favicon.ico`: one 32×32 image of 32 bits per pixel (BGRA, bottom-up), 4×4 samples a pixel. */
export function faviconIco(): Uint8Array<ArrayBuffer> {
  if (ico) return ico;
  const maat = 32;
  const pixels = maat * maat * 4;
  const masker = maat * 4; // one bit per pixel, rows padded to 32 bits; all 0: the alpha decides
  const bytes = new Uint8Array(6 + 16 + 40 + pixels + masker);
  const v = new DataView(bytes.buffer);
  v.setUint16(2, 1, true); // type: icon
  v.setUint16(4, 1, true); // one image
  bytes[6] = maat;
  bytes[7] = maat;
  v.setUint16(10, 1, true); // colour planes
  v.setUint16(12, 32, true); // bits per pixel
  v.setUint32(14, 40 + pixels + masker, true);
  v.setUint32(18, 22, true);
  v.setUint32(22, 40, true); // BITMAPINFOHEADER
  v.setInt32(26, maat, true);
  v.setInt32(30, maat * 2, true); // the picture and its mask
  v.setUint16(34, 1, true);
  v.setUint16(36, 32, true);
  v.setUint32(42, pixels + masker, true);
  for (let rij = 0; rij < maat; rij++) {
    for (let kolom = 0; kolom < maat; kolom++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let dekking = 0;
      for (let sy = 0; sy < 4; sy++) {
        for (let sx = 0; sx < 4; sx++) {
          const kleur = kleurOp(kolom + (sx + 0.5) / 4, rij + (sy + 0.5) / 4);
          if (!kleur) continue;
          r += kleur[0];
          g += kleur[1];
          b += kleur[2];
          dekking++;
        }
      }
      const at = 62 + ((maat - 1 - rij) * maat + kolom) * 4;
      if (dekking === 0) continue;
      bytes[at] = Math.round(b / dekking);
      bytes[at + 1] = Math.round(g / dekking);
      bytes[at + 2] = Math.round(r / dekking);
      bytes[at + 3] = Math.round((255 * dekking) / 16);
    }
  }
  ico = bytes;
  return bytes;
}
