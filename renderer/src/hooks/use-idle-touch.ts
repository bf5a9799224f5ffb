/**
 * Tells the backend the user is still here, so the idle lock measures real inactivity and not just the
 * absence of API calls (reading a long audit trail makes no calls). Throttled: one call per 30 s is
 * plenty for a timeout counted in minutes.
 */
import { useEffect } from 'react';
import { api } from '../api/client';

const TOUCH_INTERVAL_MS = 30_000;

export function useIdleTouch(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    let last = 0;
    const onActivity = (): void => {
      const now = Date.now();
      if (now - last < TOUCH_INTERVAL_MS) return;
      last = now;
      void api.call('vault.touch', {});
    };
    window.addEventListener('keydown', onActivity, { capture: true, passive: true });
    window.addEventListener('pointerdown', onActivity, { capture: true, passive: true });
    return () => {
      window.removeEventListener('keydown', onActivity, { capture: true });
      window.removeEventListener('pointerdown', onActivity, { capture: true });
    };
  }, [enabled]);
}
