/**
 * What a connector test adds about where its rows came from (an empty folder, files waiting, the last
 * file already imported), in the steward's language; the server's English words when it sent no code.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodOutput } from '../../../../main/api/contract';

export function ProbeNote({ result, className }: { readonly result: MethodOutput<'connectors.test'>; readonly className: string }): ReactNode {
  const { t } = useTranslation();
  if (result.noteDetail) {
    const { code, params } = result.noteDetail;
    return (
      <p className={className} data-testid="connector-probe-note">
        {t(`connectors.probeNote.${code}`, { ...params, count: typeof params.others === 'number' && params.others > 0 ? params.others : undefined })}
      </p>
    );
  }
  if (!result.note) return null;
  return (
    <p className={className} lang="en" data-testid="connector-probe-note">
      {result.note}
    </p>
  );
}
