import { createHash } from 'node:crypto';
import { DomainError } from '@coterie/platform';
import sharp from 'sharp';
import { ACCEPTED_FORMATS, MAX_INPUT_PIXELS, type Purpose, VARIANTS } from './image-rules.ts';

export interface ProcessedImage {
  data: Buffer;
  contentType: 'image/webp';
  width: number;
  height: number;
  sha256: string;
}

const unsupported = (message: string) => new DomainError(415, 'unsupported_image', message);

/**
 * Sniffs the real format from the bytes (never the file name or the declared type), decodes,
 * orients, resizes to the purpose's size and re-encodes to WebP without metadata.
 */
export async function processImage(input: Buffer, purpose: Purpose): Promise<ProcessedImage> {
  let format: string | undefined;
  try {
    ({ format } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS }).metadata());
  } catch {
    throw unsupported('That file is not an image we can read. Upload a JPEG, PNG, WebP, GIF or AVIF.');
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) {
    throw unsupported(
      `${format ? format.toUpperCase() : 'That'} images are not accepted. Upload a JPEG, PNG, WebP, GIF or AVIF.`,
    );
  }
  const variant = VARIANTS[purpose];
  try {
    const { data, info } = await sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .rotate()
      .resize(variant.width, variant.height, {
        fit: variant.fit,
        withoutEnlargement: variant.fit === 'inside',
      })
      .webp({ quality: 82 })
      .toBuffer({ resolveWithObject: true });
    return {
      data,
      contentType: 'image/webp',
      width: info.width,
      height: info.height,
      sha256: createHash('sha256').update(data).digest('hex'),
    };
  } catch {
    throw new DomainError(422, 'unreadable_image', 'The image is damaged or too large to decode.');
  }
}
