/**
 * A passphrase box with what people expect of one: Show/Hide to check what they typed, and a warning
 * when Caps Lock is on (the commonest reason a right passphrase is refused). The warning is tied to the
 * box with aria-describedby, and the button says whether the text is shown (aria-pressed).
 */
import { useId, useState, type InputHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'type'> {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | null;
}

export function PassphraseField({ label, hint, error, onKeyDown, onKeyUp, onBlur, ...input }: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const [shown, setShown] = useState(false);
  const [capsLock, setCapsLock] = useState(false);
  const watchCapsLock = (event: KeyboardEvent<HTMLInputElement>): void => setCapsLock(event.getModifierState('CapsLock'));
  const notes = [hint ? `${id}-hint` : null, capsLock ? `${id}-caps` : null, error ? `${id}-error` : null].filter(Boolean);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="passphrase-box">
        <input
          id={id}
          type={shown ? 'text' : 'password'}
          spellCheck={false}
          autoCapitalize="off"
          aria-invalid={error ? true : undefined}
          aria-describedby={notes.length > 0 ? notes.join(' ') : undefined}
          onKeyDown={(event) => {
            watchCapsLock(event);
            onKeyDown?.(event);
          }}
          onKeyUp={(event) => {
            watchCapsLock(event);
            onKeyUp?.(event);
          }}
          onBlur={(event) => {
            setCapsLock(false);
            onBlur?.(event);
          }}
          {...input}
        />
        <button type="button" className="button button-small passphrase-toggle" aria-controls={id} aria-pressed={shown} onClick={() => setShown((value) => !value)}>
          {shown ? t('passphrase.hide') : t('passphrase.show')}
        </button>
      </div>
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {capsLock ? (
        <div className="field-warning" id={`${id}-caps`} role="status" data-testid="caps-lock">
          {t('passphrase.capsLock')}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </div>
  );
}
