import type { Page } from 'playwright-core';

/** A PNG drawn by the browser itself: bands of colour, no file on disk and no extra dependency. */
export async function drawPicture(page: Page, width: number, height: number): Promise<Buffer> {
  const bytes = await page.evaluate(
    async ({ width, height }) => {
      const canvas = new OffscreenCanvas(width, height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d canvas');
      const gradient = context.createLinearGradient(0, 0, width, height);
      gradient.addColorStop(0, '#1f2f6b');
      gradient.addColorStop(0.55, '#3b5bdb');
      gradient.addColorStop(1, '#f2c14e');
      context.fillStyle = gradient;
      context.fillRect(0, 0, width, height);
      context.fillStyle = 'rgb(255 255 255 / 0.85)';
      for (let i = 0; i < 7; i++) {
        context.beginPath();
        context.arc(width * (0.12 + i * 0.13), height * 0.55, Math.min(width, height) * 0.08, 0, Math.PI * 2);
        context.fill();
      }
      const blob = await canvas.convertToBlob({ type: 'image/png' });
      return Array.from(new Uint8Array(await blob.arrayBuffer()));
    },
    { width, height },
  );
  return Buffer.from(bytes);
}
