/**
 * A passphrase box with what people expect of one: Show/Hide to check what they typed, and a warning
 * when Caps Lock is on (the commonest reason a right passphrase is refused). The warning is tied to the
 * box with aria-describedby, and the button says whether the text is shown (aria-pressed).
 */
import { useId, useState, type InputHTMLAttributes, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, FieldNotes } from './field';

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
  const warning = capsLock ? { key: 'caps', text: t('passphrase.capsLock'), testId: 'caps-lock' } : null;
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
          aria-describedby={describedBy(id, hint, error, warning)}
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
      <FieldNotes id={id} hint={hint} error={error} warning={warning} />
    </div>
  );
}
