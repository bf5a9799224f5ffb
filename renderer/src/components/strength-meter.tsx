import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { passphraseStrength, type PassphraseStrength } from '../lib/passphrase-strength';

const LEVEL: Readonly<Record<PassphraseStrength, number>> = { empty: 0, 'too-short': 1, weak: 1, fair: 2, strong: 3 };

export function StrengthMeter({ passphrase }: { readonly passphrase: string }): ReactNode {
  const { t } = useTranslation();
  const strength = passphraseStrength(passphrase);
  return (
    <div className={`strength strength-${strength}`}>
      <div className="strength-bars" aria-hidden="true">
        {[1, 2, 3].map((bar) => (
          <span key={bar} className={LEVEL[strength] >= bar ? 'on' : ''} />
        ))}
      </div>
      <span className="strength-label" aria-live="polite">
        {t(`passphrase.strength.${strength}`)}
      </span>
    </div>
  );
}
