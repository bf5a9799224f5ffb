/**
 * The one-time passphrase an administrator hands to a user who forgot theirs: shown once, to be given in
 * person or by another channel than the one the vault's data travels on, and replaced at the next unlock.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  readonly name: string;
  readonly passphrase: string;
  readonly onDone: () => void;
}

export function OneTimePassphrase({ name, passphrase, onDone }: Props): ReactNode {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <div className="result result-ok" role="status" data-testid="one-time-passphrase">
      <p className="result-title">{t('users.oneTime.title', { name })}</p>
      <p>
        <code className="wrap" data-testid="one-time-passphrase-value">
          {passphrase}
        </code>
      </p>
      <p className="form-note">{t('users.oneTime.text')}</p>
      <div className="form-actions start">
        <button
          type="button"
          className="button button-small"
          onClick={() => void navigator.clipboard?.writeText(passphrase).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? t('users.oneTime.copied') : t('users.oneTime.copy')}
        </button>
        <button type="button" className="button button-small button-primary" onClick={onDone}>
          {t('users.oneTime.done')}
        </button>
      </div>
    </div>
  );
}
