import type { Notice } from '../components/feedback.tsx';

/**
 * A one-line message carried to the next page in the history entry's state ("You are logged
 * out."), so it survives the navigation without a global store.
 */
export interface FlashState {
  flash?: Notice;
  /** Where a login should return to. */
  from?: string;
}

export function readFlashState(state: unknown): FlashState {
  if (typeof state !== 'object' || state === null) return {};
  const { flash, from } = state as Record<string, unknown>;
  const result: FlashState = {};
  if (
    typeof flash === 'object' &&
    flash !== null &&
    typeof (flash as Notice).text === 'string' &&
    ['success', 'error', 'info'].includes((flash as Notice).tone)
  ) {
    result.flash = flash as Notice;
  }
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//')) result.from = from;
  return result;
}
