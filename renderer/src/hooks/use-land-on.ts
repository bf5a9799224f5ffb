/**
 * Brings what a person came for into view once it is drawn (a run opened from the home screen, a
 * connector): a long history would otherwise hide it below the fold. Once only, so that a reload after a
 * finished job does not pull the page back while they read something else.
 */
import { useEffect, useRef } from 'react';

export function useLandOn(selector: string | null): void {
  const landed = useRef(false);
  useEffect(() => {
    if (landed.current || selector === null) return;
    const element = document.querySelector(selector);
    if (!element) return;
    landed.current = true;
    element.scrollIntoView({ block: 'center' });
  });
}
