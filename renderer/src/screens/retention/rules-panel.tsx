/**
 * The retention rules: the active ones (retired ones on demand), each said in words ("3 years from last
 * purchase"), and for administrators the form to add or replace one and the retirement of one. A rule a
 * law requires cannot be retired: the refusal comes back from the backend and is shown in words.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RetentionRule } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { formatDate } from '../../lib/format';
import { AnchorTypesSection } from './anchor-types-section';
import { keepWords } from './retention-text';
import { RuleForm } from './rule-form';
import { usePurposeNames } from './use-purpose-names';

function RulesTable({
  rules,
  canEdit,
  onReplace,
  onRetire,
}: {
  readonly rules: readonly RetentionRule[];
  readonly canEdit: boolean;
  readonly onReplace: (rule: RetentionRule) => void;
  readonly onRetire: (rule: RetentionRule) => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const name = usePurposeNames();
  return (
    <div className="table-wrap">
      <table className="table" data-testid="retention-rules">
        <caption className="visually-hidden">{t('retention.rules.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('retention.rules.columns.rule')}</th>
            <th scope="col">{t('retention.rules.columns.purpose')}</th>
            <th scope="col">{t('retention.rules.columns.keep')}</th>
            <th scope="col">{t('retention.rules.columns.action')}</th>
            <th scope="col">{t('retention.rules.columns.legalRef')}</th>
            <th scope="col">{t('retention.rules.columns.created')}</th>
            {canEdit ? <th scope="col">{t('retention.rules.columns.actions')}</th> : null}
          </tr>
        </thead>
        <tbody>
          {rules.map((rule) => (
            <tr
              key={rule.id}
              data-testid="retention-rule-row"
              data-id={rule.id}
              data-purpose={rule.purpose}
              data-retired={rule.retiredAt !== null}
              data-obligation={rule.obligation}
            >
              <th scope="row">
                {t('retention.screen.ruleNumber', { id: rule.id })}
                {rule.replaces !== null ? <div className="muted small">{t('retention.rules.replacesRule', { id: rule.replaces })}</div> : null}
              </th>
              <td>{name(rule.purpose)}</td>
              <td data-testid="retention-rule-keep">{keepWords(t, rule)}</td>
              <td>{t(`retention.actions.${rule.action}`)}</td>
              <td>
                {rule.legalRef ?? <span className="muted">{t('retention.rules.noLegalRef')}</span>}
                {rule.obligation ? (
                  <div>
                    <span className="badge badge-ok" data-testid="retention-rule-obligation">
                      {t('retention.rules.obligation')}
                    </span>
                  </div>
                ) : null}
              </td>
              <td>
                {t('retention.rules.byOn', { name: rule.createdBy, date: formatDate(rule.createdAt, i18n.language) })}
                {rule.retiredAt !== null ? (
                  <div>
                    <span className="badge badge-off">{t('retention.rules.retiredOn', { date: formatDate(rule.retiredAt, i18n.language) })}</span>
                  </div>
                ) : null}
              </td>
              {canEdit ? (
                <td>
                  {rule.retiredAt === null ? (
                    <div className="cell-actions">
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => onReplace(rule)}
                        aria-label={t('retention.rules.replaceNamed', { id: rule.id })}
                      >
                        {t('retention.rules.replace')}
                      </button>
                      <button
                        type="button"
                        className="button button-small"
                        onClick={() => onRetire(rule)}
                        aria-label={t('retention.rules.retireNamed', { id: rule.id })}
                      >
                        {t('retention.rules.retire')}
                      </button>
                    </div>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function RulesPanel({ canEdit, onChanged }: { readonly canEdit: boolean; readonly onChanged: () => void }): ReactNode {
  const { t } = useTranslation();
  const name = usePurposeNames();
  const [showRetired, setShowRetired] = useState(false);
  const rules = useApiData('retention.rules', { includeRetired: showRetired });
  const retire = useApiAction('retention.retireRule');
  const [replacing, setReplacing] = useState<RetentionRule | null>(null);
  const [retiring, setRetiring] = useState<RetentionRule | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = rules.data ?? [];

  async function confirmRetire(): Promise<void> {
    if (retiring === null) return;
    const result = await retire.run({ id: retiring.id });
    setRetiring(null);
    if (!result.ok) return;
    setNotice(t('retention.rules.retired', { id: result.value.id }));
    rules.reload();
    onChanged();
  }

  return (
    <div className="stack" data-testid="retention-rules-panel">
      <p className="lead">{t('retention.rules.intro')}</p>
      {notice !== null ? (
        <Notice tone="success" testId="retention-rule-notice">
          {notice}
        </Notice>
      ) : null}
      <ErrorAlert error={rules.error} />
      <ErrorAlert error={retire.error} testId="retention-retire-error" />
      <label className="checkbox">
        <input type="checkbox" checked={showRetired} onChange={(event) => setShowRetired(event.target.checked)} data-testid="retention-show-retired" />
        <span>{t('retention.rules.showRetired')}</span>
      </label>
      {rules.data === null ? null : list.length === 0 ? (
        <p className="muted" data-testid="retention-rules-none">
          {t('retention.rules.none')}
        </p>
      ) : (
        <RulesTable
          rules={list}
          canEdit={canEdit}
          onReplace={(rule) => {
            retire.clearError();
            setReplacing(rule);
          }}
          onRetire={(rule) => {
            retire.clearError();
            setRetiring(rule);
          }}
        />
      )}
      {canEdit ? (
        <RuleForm
          key={replacing?.id ?? 'new'}
          replacing={replacing}
          onCancel={() => setReplacing(null)}
          onSaved={(rule) => {
            setNotice(replacing === null ? t('retention.rules.added', { id: rule.id }) : t('retention.rules.replaced', { id: rule.id, old: replacing.id }));
            setReplacing(null);
            rules.reload();
            onChanged();
          }}
        />
      ) : null}
      <AnchorTypesSection canEdit={canEdit} onChanged={onChanged} />
      <ConfirmDialog
        open={retiring !== null}
        title={retiring === null ? '' : t('retention.rules.retireTitle', { id: retiring.id })}
        confirmLabel={t('retention.rules.retireConfirm')}
        busy={retire.busy}
        danger
        onConfirm={() => void confirmRetire()}
        onCancel={() => setRetiring(null)}
      >
        {retiring === null ? null : <p>{t('retention.rules.retireText', { purpose: name(retiring.purpose), keep: keepWords(t, retiring) })}</p>}
      </ConfirmDialog>
    </div>
  );
}
