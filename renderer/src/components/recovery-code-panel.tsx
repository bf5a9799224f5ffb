/**
 * The recovery code is shown exactly once and exists nowhere else in readable form, so the user must
 * say they have saved it before the screen lets them go.
 */
import { useId, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { downloadText } from '../lib/download';

export function RecoveryCodePanel({ code, onDone }: { readonly code: string; readonly onDone: () => void }): ReactNode {
  const { t } = useTranslation();
  const [saved, setSaved] = useState(false);
  const [copied, setCopied] = useState(false);
  const checkId = useId();
  return (
    <div className="recovery">
      <div className="alert alert-warning" role="note">
        {t('recoveryCode.warning')}
      </div>
      <p className="recovery-label" id={`${checkId}-label`}>
        {t('recoveryCode.label')}
      </p>
      <output className="recovery-code" aria-labelledby={`${checkId}-label`} data-testid="recovery-code">
        {code}
      </output>
      <div className="form-actions start recovery-actions">
        <button
          type="button"
          className="button button-small"
          onClick={() => void navigator.clipboard?.writeText(code).then(() => setCopied(true), () => setCopied(false))}
        >
          {copied ? t('recoveryCode.copied') : t('recoveryCode.copy')}
        </button>
        <button type="button" className="button button-small" onClick={() => window.print()}>
          {t('recoveryCode.print')}
        </button>
        <button
          type="button"
          className="button button-small"
          onClick={() => downloadText('custodia-recovery-code.txt', `${t('recoveryCode.fileIntro')}\n\n${code}\n\n${t('recoveryCode.fileWarning')}\n`, 'text/plain;charset=utf-8')}
        >
          {t('recoveryCode.save')}
        </button>
      </div>
      <p className="form-note">{t('recoveryCode.whereNot')}</p>
      <ul className="recovery-advice">
        <li>{t('recoveryCode.adviceWrite')}</li>
        <li>{t('recoveryCode.adviceStore')}</li>
        <li>{t('recoveryCode.adviceOnce')}</li>
      </ul>
      <div className="checkbox">
        <input id={checkId} type="checkbox" checked={saved} onChange={(event) => setSaved(event.target.checked)} />
        <label htmlFor={checkId}>{t('recoveryCode.confirm')}</label>
      </div>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={!saved} onClick={onDone}>
          {t('recoveryCode.continue')}
        </button>
      </div>
    </div>
  );
}
