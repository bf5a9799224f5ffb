/**
 * The administrator's survivorship rules: for each field of the golden record, the rule that chooses its
 * value, and for source priority the vault's sources in order of trust (Up / Down, keyboard reachable; the
 * moved source keeps the focus). Stewards see the rules read-only. Saving renames every person after their
 * golden record, so the confirmation says how many were.
 */
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { GOLDEN_FIELDS, SURVIVORSHIP_RULES, type FieldRule, type GoldenFieldName, type Survivorship } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { formatNumber } from '../../lib/format';
import { movedSource, rankedSources, rulesToSave, type SourceChoice } from '../../lib/survivorship';
import { hasRole, useSession } from '../../session/session-context';

function SourceOrder({ field, order, disabled, onMove }: { readonly field: GoldenFieldName; readonly order: readonly SourceChoice[]; readonly disabled: boolean; readonly onMove: (from: number, to: number) => void }): ReactNode {
  const { t } = useTranslation();
  const list = useRef<HTMLOListElement>(null);
  const fieldName = t(`fields.${field}`);
  if (order.length === 0) return <p className="muted small">{t('identity.golden.editor.noSources')}</p>;

  function move(from: number, to: number, direction: 'up' | 'down'): void {
    onMove(from, to);
    // The moved source keeps the focus, so Up pressed again moves it again; at an end, the other button takes it.
    requestAnimationFrame(() => {
      const buttons = list.current?.querySelectorAll<HTMLButtonElement>(`[data-position="${to}"] button`);
      const wanted = direction === 'up' ? buttons?.[0] : buttons?.[1];
      (wanted && !wanted.disabled ? wanted : direction === 'up' ? buttons?.[1] : buttons?.[0])?.focus();
    });
  }

  return (
    <ol ref={list} className="plain-list source-order" aria-label={t('identity.golden.editor.sources', { field: fieldName })} data-testid={`survivorship-sources-${field}`}>
      {order.map((source, index) => (
        <li key={source.id} data-position={index} className="form-actions start">
          <span>
            {index + 1}. {source.name}
          </span>
          <button type="button" className="button button-small" disabled={disabled || index === 0} aria-label={t('identity.golden.editor.up', { source: source.name, field: fieldName })} onClick={() => move(index, index - 1, 'up')}>
            ↑
          </button>
          <button
            type="button"
            className="button button-small"
            disabled={disabled || index === order.length - 1}
            aria-label={t('identity.golden.editor.down', { source: source.name, field: fieldName })}
            onClick={() => move(index, index + 1, 'down')}
          >
            ↓
          </button>
        </li>
      ))}
    </ol>
  );
}

export function SurvivorshipPanel(): ReactNode {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const admin = hasRole(user, 'administrator');
  const loaded = useApiData('identity.survivorship', {});
  const save = useApiAction('identity.saveSurvivorship');
  const [draft, setDraft] = useState<Survivorship | null>(null);
  const [renamed, setRenamed] = useState<number | null>(null);

  if (loaded.error) return <ErrorAlert error={loaded.error} />;
  if (!loaded.data) return <p className="muted">{t('common.loading')}</p>;
  const { sources, defaults } = loaded.data;
  const shown = draft ?? loaded.data.rules;

  function change(field: GoldenFieldName, rule: FieldRule): void {
    setDraft({ ...shown, [field]: rule });
    setRenamed(null);
    save.clearError();
  }

  async function submit(): Promise<void> {
    const result = await save.run({ rules: rulesToSave(shown, sources) });
    if (result.ok) {
      setDraft(result.value.rules);
      setRenamed(result.value.renamed);
      loaded.reload();
    }
  }

  return (
    <section className="card" aria-labelledby="survivorship-title" data-testid="survivorship-rules">
      <h2 className="card-title" id="survivorship-title">
        {t('identity.golden.editor.title')}
      </h2>
      <p className="card-description">{t('identity.golden.editor.description')}</p>
      {!admin ? <p className="muted">{t('identity.golden.editor.readOnly')}</p> : null}
      <form
        className="form"
        aria-labelledby="survivorship-title"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t('identity.golden.editor.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('identity.golden.columns.field')}</th>
                <th scope="col">{t('identity.golden.columns.rule')}</th>
                <th scope="col">{t('identity.golden.editor.order')}</th>
              </tr>
            </thead>
            <tbody>
              {GOLDEN_FIELDS.map((field) => {
                const rule = shown[field];
                const fieldName = t(`fields.${field}`);
                return (
                  <tr key={field} data-testid={`survivorship-${field}`}>
                    <th scope="row">{fieldName}</th>
                    <td>
                      <select
                        aria-label={t('identity.golden.editor.rule', { field: fieldName })}
                        value={rule.rule}
                        disabled={!admin}
                        onChange={(event) => change(field, { rule: event.target.value as FieldRule['rule'], sources: rule.sources })}
                      >
                        {SURVIVORSHIP_RULES.map((name) => (
                          <option key={name} value={name}>
                            {t(`identity.golden.rules.${name}`)}
                            {defaults[field].rule === name ? ` (${t('identity.golden.editor.isDefault')})` : ''}
                          </option>
                        ))}
                      </select>
                      <p className="field-hint">{t(`identity.golden.hints.${rule.rule}`)}</p>
                    </td>
                    <td>
                      {rule.rule === 'sourcePriority' ? (
                        <SourceOrder
                          field={field}
                          order={rankedSources(rule, sources)}
                          disabled={!admin}
                          onMove={(from, to) => change(field, movedSource(rule, sources, from, to))}
                        />
                      ) : (
                        <span className="muted">—</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {admin ? (
          <div className="form-actions start">
            <button type="submit" className="button button-primary" disabled={save.busy}>
              {t('identity.golden.editor.save')}
            </button>
            <button type="button" className="button" disabled={save.busy} onClick={() => {
                setDraft(defaults);
                setRenamed(null);
              }}>
              {t('identity.golden.editor.defaults')}
            </button>
          </div>
        ) : null}
      </form>
      <ErrorAlert error={save.error} />
      {renamed !== null ? (
        <Notice tone="success" testId="survivorship-saved">
          {t('identity.golden.editor.saved', { count: renamed, formatted: formatNumber(renamed, i18n.language) })}
        </Notice>
      ) : null}
    </section>
  );
}
