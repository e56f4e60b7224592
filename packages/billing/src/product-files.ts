import { fileTypeFromFile } from 'file-type';
import type { ProductFile } from './schema.ts';

/** What a product file really is, read from its bytes (never its name or the browser's say-so). */
export async function detectProductFile(
  filePath: string,
): Promise<{ kind: ProductFile['kind']; contentType: string; extension: string } | null> {
  const found = await fileTypeFromFile(filePath);
  if (!found) return null;
  if (found.mime === 'application/pdf') return { kind: 'pdf', contentType: found.mime, extension: 'pdf' };
  if (found.mime === 'application/epub+zip')
    return { kind: 'epub', contentType: found.mime, extension: 'epub' };
  if (found.mime === 'application/zip') return { kind: 'zip', contentType: found.mime, extension: 'zip' };
  if (found.mime.startsWith('video/') && ['mp4', 'webm', 'mov', 'mkv', 'm4v'].includes(found.ext)) {
    return { kind: 'video', contentType: found.mime, extension: found.ext };
  }
  return null;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
const UNSAFE = /[\\/:*?"<>|\u0000-\u001f\u007f]+/g;

/** "My guide.pdf" from the uploaded name, with the extension the bytes say it has. */
export function productFileName(uploaded: string, title: string, extension: string): string {
  const base = (uploaded.replace(/\.[^.]{1,8}$/, '') || title).replace(UNSAFE, '_');
  return `${base.trim().slice(0, 150) || 'download'}.${extension}`;
}
