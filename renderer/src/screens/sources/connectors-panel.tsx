/** Connectors: systems the vault reads by itself. Auditors see the list (secrets masked); stewards and administrators manage it. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connector } from '../../../../main/api/contract';
import { api } from '../../api/client';
import { ErrorAlert, Notice } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Section } from '../../components/section';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { useLandOn } from '../../hooks/use-land-on';
import { ConnectorCard } from './connector-card';
import { ConnectorForm } from './connector-form';

interface Props {
  readonly canEdit: boolean;
  readonly onChanged: () => void;
  /** The source whose connector was asked for (from the home screen): shown in view. */
  readonly focusSourceId?: number | undefined;
}

export function ConnectorsPanel({ canEdit, onChanged, focusSourceId }: Props): ReactNode {
  const { t } = useTranslation();
  const connectors = useApiData('connectors.list', {});
  const remove = useApiAction('connectors.remove');
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [toRemove, setToRemove] = useState<Connector | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const reload = connectors.reload;
  const focused = connectors.data?.find((connector) => connector.sourceId === focusSourceId);
  useLandOn(focused ? `[data-testid="connector"][data-name="${CSS.escape(focused.name)}"]` : null);

  // A scheduled or watched-folder sync changes a connector's last run and health: follow it.
  useEffect(() => api.onEvent((event) => event.type === 'job.finished' && reload()), [reload]);

  const changed = (): void => {
    connectors.reload();
    onChanged();
  };

  async function confirmRemove(): Promise<void> {
    if (!toRemove) return;
    const result = await remove.run({ name: toRemove.name });
    setToRemove(null);
    if (result.ok) changed();
  }

  return (
    <div className="stack">
      <p className="lead small-lead">{t('connectors.intro')}</p>
      {canEdit && !adding ? (
        <div className="form-actions start">
          <button
            ref={addButton}
            type="button"
            className="button button-primary"
            onClick={() => {
              setAdded(null);
              setAdding(true);
            }}
          >
            {t('connectors.add.open')}
          </button>
        </div>
      ) : null}
      {added ? <Notice tone="success">{t('connectors.add.done', { name: added })}</Notice> : null}
      {adding ? (
        <Section title={t('connectors.add.title')} id="add-connector">
          <ConnectorForm
            onCancel={() => {
              setAdding(false);
              requestAnimationFrame(() => addButton.current?.focus());
            }}
            onSaved={(connector) => {
              setAdding(false);
              if (connector) setAdded(connector.name);
              changed();
            }}
          />
        </Section>
      ) : null}
      <ErrorAlert error={connectors.error} />
      <ErrorAlert error={remove.error} />
      {connectors.data ? (
        connectors.data.length === 0 ? (
          <p className="empty">{t('connectors.empty')}</p>
        ) : (
          <div className="connector-list" data-testid="connectors">
            {connectors.data.map((connector) => (
              <ConnectorCard key={connector.id} connector={connector} canEdit={canEdit} onChanged={changed} onRemove={setToRemove} />
            ))}
          </div>
        )
      ) : connectors.error ? null : (
        <p className="muted">{t('common.loading')}</p>
      )}
      <ConfirmDialog
        open={toRemove !== null}
        title={t('connectors.removeDialog.title', { name: toRemove?.name ?? '' })}
        confirmLabel={t('connectors.removeDialog.confirm')}
        danger
        busy={remove.busy}
        onConfirm={() => void confirmRemove()}
        onCancel={() => setToRemove(null)}
      >
        <p>{t('connectors.removeDialog.text')}</p>
      </ConfirmDialog>
    </div>
  );
}
