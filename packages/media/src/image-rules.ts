/** What each kind of image becomes, and what uploads are acceptable. Pure data and checks. */
export const PURPOSES = ['logo', 'banner', 'post', 'artwork'] as const;
export type Purpose = (typeof PURPOSES)[number];

export interface Variant {
  width: number;
  height: number;
  fit: 'cover' | 'inside';
}

export const VARIANTS: Record<Purpose, Variant> = {
  logo: { width: 512, height: 512, fit: 'cover' },
  banner: { width: 1600, height: 400, fit: 'cover' },
  post: { width: 1600, height: 1600, fit: 'inside' },
  // Release covers are square, like every player and store shows them.
  artwork: { width: 1400, height: 1400, fit: 'cover' },
};

/** Raster formats only: SVG can carry script and XML bombs, and is never needed for a photo. */
export const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif']);
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
// Decompression bombs: a tiny file that claims to be enormous is refused before decoding.
export const MAX_INPUT_PIXELS = 40_000_000;

export function isPurpose(value: string): value is Purpose {
  return (PURPOSES as readonly string[]).includes(value);
}
