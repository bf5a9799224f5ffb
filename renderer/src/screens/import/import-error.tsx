/**
 * Reading a file can fail in ways the user can fix; in the import screens each such error says what to
 * do about it. A file refused for its format says what it looked like (PDF, legacy Excel…) when the
 * backend could tell; a refused setting or mapping shows the backend's precise reason (in English) too.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ClientError } from '../../api/client';
import { errorText } from '../../i18n/error-text';

const DETECTED = ['zip', 'xls', 'pdf', 'image', 'gzip', '7z', 'rar', 'not-xlsx', 'binary', 'xlsx', 'not-a-file', 'damaged-xlsx'] as const;

export function ImportError({
  error,
  context,
  testId,
}: {
  readonly error: ClientError | null;
  readonly context: 'read' | 'run';
  readonly testId?: string;
}): ReactNode {
  const { t } = useTranslation();
  if (!error) return null;
  const detected = DETECTED.find((value) => value === error.params?.detected);
  let text: string;
  switch (error.code) {
    case 'FILE_EMPTY':
      text = t('import.errors.FILE_EMPTY');
      break;
    case 'FILE_UNSUPPORTED':
      text = detected ? t(`import.errors.unsupported.${detected}`) : t('import.errors.FILE_UNSUPPORTED');
      break;
    case 'ENCODING_UNKNOWN':
      text = t('import.errors.ENCODING_UNKNOWN');
      break;
    case 'NOT_FOUND':
      text = t('import.errors.NOT_FOUND');
      break;
    case 'IO_ERROR':
      text = t('import.errors.IO_ERROR');
      break;
    case 'INVALID_INPUT':
      text = context === 'read' ? t('import.errors.readSettings') : t('import.errors.mappingInvalid');
      break;
    default:
      text = errorText(t, error);
  }
  return (
    <div className="alert alert-error" role="alert" data-testid={testId} data-code={error.code}>
      {text}
      {error.code === 'INVALID_INPUT' ? (
        <p className="alert-detail" lang="en">
          {error.message}
        </p>
      ) : null}
    </div>
  );
}
