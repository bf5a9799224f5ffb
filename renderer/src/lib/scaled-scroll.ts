/**
 * Browsers cap an element's height (about 33 million pixels in Chromium, 17 million in Firefox), so a
 * list of a million rows of 40 px cannot be laid out at full height. Past a safe maximum the scrolled
 * content keeps that maximum height and scroll positions are scaled: the virtualizer works in "virtual"
 * pixels (every row at its real size), the scroll bar in real ones. Below the maximum both are the same.
 */
/**
 * Chromium (Electron, Chrome, Edge) and WebKit lay out about 33.5 million pixels, Firefox about 17.9
 * million: stay well under each, since the closer to 1 the scale, the more natural wheel scrolling feels.
 */
export const MAX_SCROLL_PX = typeof navigator !== 'undefined' && /firefox\//i.test(navigator.userAgent) ? 15_000_000 : 30_000_000;

export interface ScrollScale {
  /** Height of all rows at their real size. */
  readonly virtualSize: number;
  /** Height of the scroll area's visible part. */
  readonly viewport: number;
}

export function realSize(virtualSize: number): number {
  return Math.min(virtualSize, MAX_SCROLL_PX);
}

function ratio({ virtualSize, viewport }: ScrollScale): number {
  const real = realSize(virtualSize);
  if (real >= virtualSize || real <= viewport) return 1;
  return (virtualSize - viewport) / (real - viewport);
}

/** A scroll bar position → the position in the full list, so that the end of one is the end of the other. */
export function toVirtual(real: number, scale: ScrollScale): number {
  return real * ratio(scale);
}

export function toReal(virtual: number, scale: ScrollScale): number {
  return virtual / ratio(scale);
}
