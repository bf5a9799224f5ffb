/** Seconds left before something is allowed again (the unlock delay after repeated failures). */
import { useEffect, useState } from 'react';

export function useCountdown(initialSeconds = 0): { readonly remaining: number; readonly startCountdown: (seconds: number) => void } {
  const [deadline, setDeadline] = useState<number | null>(() => (initialSeconds > 0 ? Date.now() + initialSeconds * 1000 : null));
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    if (deadline === null) return;
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= deadline) setDeadline(null);
    }, 250);
    return () => clearInterval(timer);
  }, [deadline]);

  const remaining = deadline === null ? 0 : Math.max(0, Math.ceil((deadline - now) / 1000));
  const startCountdown = (seconds: number): void => {
    const current = Date.now();
    setNow(current);
    setDeadline(seconds > 0 ? current + seconds * 1000 : null);
  };
  return { remaining, startCountdown };
}
