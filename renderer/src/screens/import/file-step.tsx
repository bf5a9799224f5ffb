/** Step 1: a file dropped anywhere on the window, or chosen with the system's dialog. */
import { useId, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientError } from '../../api/client';
import { ImportFileInput } from '../../components/import-file-input';
import { ImportError } from './import-error';

interface Props {
  readonly busy: boolean;
  readonly error: ClientError | null;
  readonly onFile: (file: File) => void;
}

export function FileStep({ busy, error, onFile }: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="stack file-step">
      <div className={`drop-zone${busy ? ' busy' : ''}`} aria-busy={busy}>
        <svg className="drop-zone-icon" width="40" height="40" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
          <path
            d="M12 15V4m0 0L7.5 8.5M12 4l4.5 4.5M4 14v4.5A1.5 1.5 0 0 0 5.5 20h13a1.5 1.5 0 0 0 1.5-1.5V14"
            fill="none"
            stroke="currentColor"
            strokeWidth="1.6"
          />
        </svg>
        <p className="drop-zone-title" id={`${id}-title`}>
          {busy ? t('import.file.reading') : t('import.file.dropHere')}
        </p>
        {busy ? null : (
          <>
            <p className="drop-zone-or">{t('import.file.or')}</p>
            <button type="button" className="button button-primary" aria-describedby={`${id}-formats`} onClick={() => input.current?.click()}>
              {t('import.file.choose')}
            </button>
          </>
        )}
        <ImportFileInput ref={input} label={t('import.file.choose')} testId="import-file-input" onFile={onFile} />
        <p className="drop-zone-formats" id={`${id}-formats`}>
          {t('import.file.formats')}
        </p>
      </div>
      <ImportError error={error} context="read" testId="import-error" />
      <p className="form-note">{t('import.file.privacy')}</p>
    </div>
  );
}

/** Shown over the whole window while a file is dragged over it. Purely visual: the window takes the drop. */
export function DropOverlay({ visible }: { readonly visible: boolean }): ReactNode {
  const { t } = useTranslation();
  if (!visible) return null;
  return (
    <div className="drop-overlay" aria-hidden="true" data-testid="drop-overlay">
      <div className="drop-overlay-box">{t('import.file.dropNow')}</div>
    </div>
  );
}
