/**
 * The review queue's single-key shortcuts: S or A = same person (accept), D or R = different people
 * (reject), K or N = skip, U = undo the last merge. Two letters each so that both the word (Same,
 * Different, sKip) and the habit of other review tools (Accept, Reject, Next) work, in any layout where
 * the letter is typed. A key typed into a field, with a modifier, or while a dialog is open is left alone:
 * shortcuts must never steal text or act behind a modal.
 */
import { useEffect, useRef } from 'react';

export type ReviewKeyAction = 'same' | 'different' | 'skip' | 'undo';

const KEYS: Readonly<Record<string, ReviewKeyAction>> = { s: 'same', a: 'same', d: 'different', r: 'different', k: 'skip', n: 'skip', u: 'undo' };

interface KeyLike {
  readonly key: string;
  readonly ctrlKey: boolean;
  readonly metaKey: boolean;
  readonly altKey: boolean;
  readonly repeat: boolean;
}

export function reviewKeyAction(event: KeyLike, typing: boolean): ReviewKeyAction | null {
  if (typing || event.ctrlKey || event.metaKey || event.altKey || event.repeat) return null;
  return KEYS[event.key.toLowerCase()] ?? null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'reset'].includes(target.type);
  return false;
}

export function useReviewKeys(enabled: boolean, onAction: (action: ReviewKeyAction) => void): void {
  const latest = useRef(onAction);
  useEffect(() => {
    latest.current = onAction;
  }, [onAction]);

  useEffect(() => {
    if (!enabled) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      if (document.querySelector('dialog[open]')) return;
      const action = reviewKeyAction(event, isTyping(event.target));
      if (action === null) return;
      event.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled]);
}
