/**
 * A new passphrase typed twice, with a strength hint. Used wherever a passphrase is chosen: creating the
 * vault, recovering, adding a user, changing one's own.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MIN_PASSPHRASE_LENGTH } from '../lib/passphrase-strength';
import { StrengthMeter } from './strength-meter';
import { PassphraseField } from './passphrase-field';

export interface NewPassphrase {
  readonly passphrase: string;
  readonly confirm: string;
}

export const EMPTY_PASSPHRASE: NewPassphrase = { passphrase: '', confirm: '' };

export type NewPassphraseProblem = 'too-short' | 'mismatch' | null;

export function newPassphraseProblem({ passphrase, confirm }: NewPassphrase): NewPassphraseProblem {
  if ([...passphrase].length < MIN_PASSPHRASE_LENGTH) return 'too-short';
  if (passphrase !== confirm) return 'mismatch';
  return null;
}

interface Props {
  readonly value: NewPassphrase;
  readonly onChange: (value: NewPassphrase) => void;
  /** Set after a submit attempt, so errors do not shout while the user is still typing. */
  readonly showErrors: boolean;
  readonly label?: string;
  readonly confirmLabel?: string;
  readonly disabled?: boolean;
}

export function NewPassphraseFields({ value, onChange, showErrors, label, confirmLabel, disabled }: Props): ReactNode {
  const { t } = useTranslation();
  const problem = showErrors ? newPassphraseProblem(value) : null;
  return (
    <>
      <PassphraseField
        label={label ?? t('passphrase.new')}
        autoComplete="new-password"
        value={value.passphrase}
        disabled={disabled}
        onChange={(event) => onChange({ ...value, passphrase: event.target.value })}
        hint={
          <>
            {t('passphrase.rule', { count: MIN_PASSPHRASE_LENGTH })}
            <StrengthMeter passphrase={value.passphrase} />
          </>
        }
        error={problem === 'too-short' ? t('passphrase.tooShort', { count: MIN_PASSPHRASE_LENGTH }) : null}
      />
      <PassphraseField
        label={confirmLabel ?? t('passphrase.confirm')}
        autoComplete="new-password"
        value={value.confirm}
        disabled={disabled}
        onChange={(event) => onChange({ ...value, confirm: event.target.value })}
        error={problem === 'mismatch' ? t('passphrase.mismatch') : null}
      />
    </>
  );
}
