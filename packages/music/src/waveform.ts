/**
 * Waveform peaks from 16-bit mono PCM, in one pass and bounded memory: samples are folded into
 * fixed blocks as they stream in, and the blocks are folded into the wanted number of points at the
 * end, so an hour-long mix costs a few hundred kilobytes, not the whole decoded signal.
 */
export class PeakAccumulator {
  readonly #blockSize: number;
  readonly #blocks: number[] = [];
  #current = 0;
  #inBlock = 0;
  #carry: Buffer | null = null;

  constructor(blockSize = 64) {
    this.#blockSize = blockSize;
  }

  push(chunk: Buffer): void {
    let data = chunk;
    if (this.#carry) {
      data = Buffer.concat([this.#carry, chunk]);
      this.#carry = null;
    }
    const usable = data.length - (data.length % 2);
    for (let offset = 0; offset < usable; offset += 2) {
      const sample = Math.abs(data.readInt16LE(offset));
      if (sample > this.#current) this.#current = sample;
      if (++this.#inBlock === this.#blockSize) {
        this.#blocks.push(this.#current);
        this.#current = 0;
        this.#inBlock = 0;
      }
    }
    if (usable < data.length) this.#carry = data.subarray(usable);
  }

  /** `points` peaks scaled to 0..255. */
  finish(points = 1000): number[] {
    const blocks = this.#inBlock > 0 ? [...this.#blocks, this.#current] : this.#blocks;
    return reducePeaks(blocks, points);
  }
}

/**
 * Folds block maxima into exactly `points` buckets (max of each; a short clip's blocks repeat),
 * scaled from 16-bit to 0..255.
 */
export function reducePeaks(blocks: readonly number[], points: number): number[] {
  if (blocks.length === 0) return [];
  const count = points;
  const peaks = new Array<number>(count);
  for (let i = 0; i < count; i++) {
    const from = Math.min(blocks.length - 1, Math.floor((i * blocks.length) / count));
    const to = Math.max(from + 1, Math.floor(((i + 1) * blocks.length) / count));
    let max = 0;
    for (let j = from; j < to; j++) max = Math.max(max, blocks[j] ?? 0);
    peaks[i] = Math.min(255, Math.round((max / 32768) * 255));
  }
  return peaks;
}

/** Integrated loudness (LUFS) and true peak (dBFS) from the summary ffmpeg's ebur128 filter prints. */
export function parseLoudness(ffmpegLog: string): { lufs: number | null; truePeakDb: number | null } {
  const summary = ffmpegLog.slice(ffmpegLog.lastIndexOf('Summary:'));
  const lufs = /Integrated loudness:\s*I:\s*(-?[\d.]+|-inf)\s*LUFS/.exec(summary)?.[1];
  const peak = /True peak:\s*Peak:\s*(-?[\d.]+|-inf)\s*dBFS/.exec(summary)?.[1];
  const num = (v: string | undefined) => (v === undefined || v === '-inf' ? null : Number(v));
  return { lufs: num(lufs), truePeakDb: num(peak) };
}
