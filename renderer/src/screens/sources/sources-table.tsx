/**
 * The Sources tab: the register of sources, and for administrators and stewards the editor of one
 * source, opened in place of the register. Closing it gives the focus back to the row's Edit button and
 * says what happened; a save reloads the register.
 */
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { useApiData } from '../../hooks/use-api-data';
import { SourceEditor } from './source-editor';
import { SourcesRegister } from './sources-register';

interface Outcome {
  readonly name: string;
  readonly saved: boolean;
}

export function SourcesTable({ canEdit }: { readonly canEdit: boolean }): ReactNode {
  const { t } = useTranslation();
  const sources = useApiData('sources.list', {});
  const [editing, setEditing] = useState<Source | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  // Set when the editor closes: that source's Edit button takes the focus as soon as it is on screen again.
  const focusBack = useRef<number | null>(null);

  function open(source: Source): void {
    setOutcome(null);
    setEditing(source);
  }

  function close(source: Source, result: 'saved' | 'unchanged' | null): void {
    setEditing(null);
    setOutcome(result === null ? null : { name: source.name, saved: result === 'saved' });
    if (result === 'saved') sources.reload();
    focusBack.current = source.id;
  }

  function editButton(source: Source, button: HTMLButtonElement | null): void {
    if (!button || focusBack.current !== source.id) return;
    focusBack.current = null;
    button.focus();
  }

  if (editing) return <SourceEditor source={editing} onClose={(result) => close(editing, result)} />;
  if (sources.error) return <ErrorAlert error={sources.error} />;
  if (!sources.data) return <p className="muted">{t('common.loading')}</p>;
  if (sources.data.length === 0) return <p className="empty">{t('sources.empty')}</p>;
  return (
    <div className="stack">
      {outcome ? (
        <Notice tone={outcome.saved ? 'success' : 'info'} testId="source-edit-outcome">
          {outcome.saved ? t('sources.edit.saved', { name: outcome.name }) : t('sources.edit.unchanged')}
        </Notice>
      ) : null}
      <SourcesRegister sources={sources.data} {...(canEdit ? { onEdit: open, editButton } : {})} />
    </div>
  );
}
