import { type RefObject, useLayoutEffect } from 'react';

export const DEFAULT_ACCENT = '#2f5d50';
const HEX = /^#[0-9a-f]{6}$/i;

export const isHexColor = (value: string): boolean => HEX.test(value.trim());

/** "#ABC", "abc", "AABBCC" → "#aabbcc"; anything else → null. */
export function normalizeHex(value: string): string | null {
  let text = value.trim().toLowerCase();
  if (!text.startsWith('#')) text = `#${text}`;
  if (/^#[0-9a-f]{3}$/.test(text)) text = `#${[...text.slice(1)].map((c) => c + c).join('')}`;
  return HEX.test(text) ? text : null;
}

type Rgb = [number, number, number];

function toRgb(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function toHex([r, g, b]: Rgb): string {
  return `#${[r, g, b]
    .map((c) =>
      Math.round(Math.min(255, Math.max(0, c)))
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** WCAG 2 relative luminance. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio between two "#rrggbb" colours, from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(toRgb(a));
  const lb = luminance(toRgb(b));
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

const LIGHT_TEXT = '#ffffff';
const DARK_TEXT = '#16141c';
/** The page surfaces of tokens.css that accent-coloured text sits on. */
const LIGHT_SURFACES = ['#fffdf9', '#f7f4ee', '#f2eee6'];
const DARK_SURFACES = ['#1f1e27', '#15141a', '#191820'];

/** Text to put on the accent colour: whichever of white and near-black reads better. */
export function readableOn(accent: string): string {
  const light = contrastRatio(accent, LIGHT_TEXT);
  const dark = contrastRatio(accent, DARK_TEXT);
  if (Math.max(light, dark) < 4.5) return light >= dark ? LIGHT_TEXT : '#000000';
  return light >= dark ? LIGHT_TEXT : DARK_TEXT;
}

function mix(a: Rgb, b: Rgb, amount: number): Rgb {
  return [0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * amount) as Rgb;
}

/**
 * The accent, darkened (on light pages) or lightened (on dark ones) just enough to be read as
 * text on every surface: links, tabs and badges keep the community's hue and stay legible.
 */
export function inkFor(accent: string, scheme: 'light' | 'dark'): string {
  const surfaces = scheme === 'light' ? LIGHT_SURFACES : DARK_SURFACES;
  const toward: Rgb = scheme === 'light' ? [0, 0, 0] : [255, 255, 255];
  const rgb = toRgb(accent);
  for (let step = 0; step <= 20; step++) {
    const candidate = toHex(mix(rgb, toward, step / 20));
    // A little above 4.5, since the soft accent tints behind badges are a shade darker.
    if (surfaces.every((surface) => contrastRatio(candidate, surface) >= 5)) return candidate;
  }
  return scheme === 'light' ? '#000000' : '#ffffff';
}

export interface AccentPalette {
  accent: string;
  onAccent: string;
  /** The accent under a pointer: pushed away from its text colour, so the text stays legible. */
  hover: string;
  inkLight: string;
  inkDark: string;
}

export function paletteFor(color: string | null | undefined): AccentPalette {
  const accent = (color && normalizeHex(color)) || DEFAULT_ACCENT;
  const onAccent = readableOn(accent);
  const away: Rgb = onAccent === LIGHT_TEXT ? [0, 0, 0] : [255, 255, 255];
  return {
    accent,
    onAccent,
    hover: toHex(mix(toRgb(accent), away, 0.15)),
    inkLight: inkFor(accent, 'light'),
    inkDark: inkFor(accent, 'dark'),
  };
}

/**
 * Themes an element with a community's colour. The CSP forbids style attributes in HTML, so the
 * custom properties go through the CSSOM; the `.themed` class in CSS derives the rest from them.
 */
export function useAccent(ref: RefObject<HTMLElement | null>, color: string | null | undefined): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const palette = paletteFor(color);
    element.style.setProperty('--community-accent', palette.accent);
    element.style.setProperty('--community-on-accent', palette.onAccent);
    element.style.setProperty('--community-hover', palette.hover);
    element.style.setProperty('--community-ink-light', palette.inkLight);
    element.style.setProperty('--community-ink-dark', palette.inkDark);
  }, [ref, color]);
}
