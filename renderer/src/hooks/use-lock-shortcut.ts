/** Ctrl+L (Cmd+L on macOS) locks the vault from anywhere in the unlocked app. */
import { useEffect, useRef } from 'react';

export function useLockShortcut(onLock: () => void): void {
  const latest = useRef(onLock);
  useEffect(() => {
    latest.current = onLock;
  }, [onLock]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && !event.shiftKey && event.key.toLowerCase() === 'l') {
        event.preventDefault();
        latest.current();
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
