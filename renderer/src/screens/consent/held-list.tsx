/**
 * Records held for a lawful basis (the consent intake gate, docs/consent.md): which source and import
 * brought each, which purposes lack a basis, and the values a steward needs to decide. A selection is
 * released (a basis and its evidence) or deleted, each one confirmation away.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HeldRecord } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { Pager } from '../../components/pager';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { formatDateTime, formatNumber } from '../../lib/format';
import { purposeName } from '../../lib/purpose-name';
import { HeldReleaseDialog } from './held-release-dialog';

const PAGE = 50;

type Dialog = 'release' | 'delete' | null;

/** `onChanged`: records were released or deleted (the count beside People changes). */
export function HeldList({ onChanged }: { readonly onChanged?: () => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const [offset, setOffset] = useState(0);
  const held = useApiData('consent.held', { limit: PAGE, offset });
  const catalog = useApiData('purposes.list', {});
  const remove = useApiAction('consent.deleteHeld');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  // Each opening of the release dialog is a new one: nothing typed for the last selection is carried over.
  const [openings, setOpenings] = useState(0);
  const [done, setDone] = useState<string | null>(null);
  const purposes = new Map((catalog.data ?? []).map((purpose) => [purpose.code, purpose]));
  const items = held.data?.items ?? [];
  const chosen = items.filter((item) => selected.has(item.recordId));
  const allChosen = items.length > 0 && chosen.length === items.length;

  function toggle(id: number): void {
    setSelected((previous) => {
      const next = new Set(previous);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }

  function finished(message: string): void {
    setDialog(null);
    setSelected(new Set());
    setDone(message);
    // Back to the first page: the one shown may be empty now.
    setOffset(0);
    held.reload();
    onChanged?.();
  }

  async function confirmDelete(): Promise<void> {
    const result = await remove.run({ recordIds: chosen.map((item) => item.recordId) });
    if (!result.ok) return;
    const { deleted, kept } = result.value;
    const message = t('held.deleted', { count: deleted, formatted: formatNumber(deleted, language) });
    finished(kept > 0 ? `${message} ${t('held.kept', { count: kept, formatted: formatNumber(kept, language) })}` : message);
  }

  const reason = (item: HeldRecord) =>
    t(`held.reasons.${item.reason}`, { purposes: item.purposes.map((code) => purposeName(purposes.get(code), code, language)).join(', ') });
  const name = (item: HeldRecord) => item.name ?? t('held.noName', { key: item.externalId });

  return (
    <section className="stack" aria-labelledby="held-title" data-testid="held-list">
      <h2 className="card-title" id="held-title">
        {t('held.title')}
      </h2>
      <p className="muted">{t('held.intro')}</p>
      <ErrorAlert error={held.error ?? catalog.error} />
      {done !== null ? <Notice testId="held-done">{done}</Notice> : null}
      {held.data === null ? (
        held.error ? null : (
          <p className="muted">{t('common.loading')}</p>
        )
      ) : held.data.total === 0 ? (
        <p className="muted" data-testid="held-none">
          {t('held.none')}
        </p>
      ) : (
        <>
          <div className="toolbar">
            <span className="count" data-testid="held-count" data-total={held.data.total}>
              {t('held.count', { count: held.data.total, formatted: formatNumber(held.data.total, language) })}
            </span>
            <span aria-live="polite">{chosen.length > 0 ? t('held.selected', { count: chosen.length, formatted: formatNumber(chosen.length, language) }) : null}</span>
            <button
              type="button"
              className="button"
              disabled={chosen.length === 0}
              data-testid="held-release"
              onClick={() => {
                setOpenings((value) => value + 1);
                setDialog('release');
              }}
            >
              {t('held.release')}
            </button>
            <button type="button" className="button button-danger" disabled={chosen.length === 0} data-testid="held-delete" onClick={() => setDialog('delete')}>
              {t('held.delete')}
            </button>
          </div>
          <div className="table-wrap">
            <table className="table" aria-label={t('held.tableLabel')}>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('held.selectAll')}
                      checked={allChosen}
                      onChange={() => setSelected(allChosen ? new Set() : new Set(items.map((item) => item.recordId)))}
                    />
                  </th>
                  <th scope="col">{t('held.columns.name')}</th>
                  <th scope="col">{t('held.columns.contact')}</th>
                  <th scope="col">{t('held.columns.source')}</th>
                  <th scope="col">{t('held.columns.run')}</th>
                  <th scope="col">{t('held.columns.reason')}</th>
                  <th scope="col">{t('held.columns.heldAt')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <tr key={item.recordId} data-testid="held-row" data-record={item.recordId}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={t('held.selectOne', { name: name(item) })}
                        checked={selected.has(item.recordId)}
                        onChange={() => toggle(item.recordId)}
                      />
                    </td>
                    <td>{name(item)}</td>
                    <td>{item.emails[0] ?? item.phones[0] ?? '—'}</td>
                    <td>{item.source}</td>
                    <td>{t('held.run', { id: item.runId })}</td>
                    <td>{reason(item)}</td>
                    <td>{formatDateTime(item.heldAt, language)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <Pager offset={offset} pageSize={PAGE} total={held.data.total} busy={held.loading} label={t('held.pager')} onOffset={setOffset} />
        </>
      )}
      <HeldReleaseDialog
        key={openings}
        records={chosen}
        purposes={purposes}
        open={dialog === 'release'}
        onDone={(released) => finished(t('held.released', { count: released, formatted: formatNumber(released, language) }))}
        onCancel={() => setDialog(null)}
      />
      <ConfirmDialog
        open={dialog === 'delete'}
        title={t('held.deleteTitle', { count: chosen.length, formatted: formatNumber(chosen.length, language) })}
        confirmLabel={t('held.confirmDelete')}
        busy={remove.busy}
        danger
        onConfirm={() => void confirmDelete()}
        onCancel={() => setDialog(null)}
      >
        <ErrorAlert error={remove.error} />
        <p>{t('held.deleteText')}</p>
      </ConfirmDialog>
    </section>
  );
}
