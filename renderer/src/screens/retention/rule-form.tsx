/**
 * Adding a rule, or replacing one (prefilled with it, sent with `replaces`): a purpose of the catalog, a
 * period counted from a moment, what then happens, the law it rests on, and whether the law requires it
 * (a floor later rules cannot go below). Administrators only.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ANCHORS, RETENTION_ACTIONS, type Anchor, type RetentionAction, type RetentionRule } from '../../../../main/api/contract';
import { ErrorAlert } from '../../components/alert';
import { SelectField, TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { purposeName } from '../../lib/purpose-name';
import { usePurposeCatalog } from '../../session/purpose-catalog';
import { KEEP_UNITS, keepText, keepWords, type KeepUnit } from './retention-text';
import { usePurposeNames } from './use-purpose-names';

export function RuleForm({
  replacing,
  onSaved,
  onCancel,
}: {
  readonly replacing: RetentionRule | null;
  readonly onSaved: (rule: RetentionRule) => void;
  readonly onCancel: () => void;
}): ReactNode {
  const { t, i18n } = useTranslation();
  const obligationHintId = useId();
  const { purposes } = usePurposeCatalog();
  const name = usePurposeNames();
  const add = useApiAction('retention.addRule');
  const [purpose, setPurpose] = useState(replacing?.purpose ?? '');
  const [count, setCount] = useState(replacing === null ? '' : String(replacing.keepCount));
  const [unit, setUnit] = useState<KeepUnit>(replacing?.keepUnit ?? 'year');
  const [anchor, setAnchor] = useState<Anchor>(replacing?.anchor ?? 'last_activity');
  const [action, setAction] = useState<RetentionAction>(replacing?.action ?? 'anonymize');
  const [legalRef, setLegalRef] = useState(replacing?.legalRef ?? '');
  const [obligation, setObligation] = useState(replacing?.obligation ?? false);
  const keep = keepText(count, unit);
  const countError = count.trim() !== '' && keep === null ? t('retention.rules.form.keepCountInvalid') : null;
  const refMissing = obligation && legalRef.trim() === '';
  const ready = purpose !== '' && keep !== null && !refMissing;
  const title = replacing === null ? t('retention.rules.form.addTitle') : t('retention.rules.form.replaceTitle', { id: replacing.id });

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (!ready) return;
    const result = await add.run({
      purpose,
      keep,
      anchor,
      action,
      obligation,
      ...(legalRef.trim() === '' ? {} : { legalRef: legalRef.trim() }),
      ...(replacing === null ? {} : { replaces: replacing.id }),
    });
    if (result.ok) onSaved(result.value);
  }

  return (
    <Section
      title={title}
      description={replacing === null ? t('retention.rules.form.description') : t('retention.rules.form.replaceDescription')}
      id="retention-rule-form"
    >
      <form className="form" onSubmit={(event) => void submit(event)} noValidate aria-label={title} data-testid="retention-rule-form">
        <SelectField
          label={t('retention.rules.form.purpose')}
          value={purpose}
          onChange={(event) => setPurpose(event.target.value)}
          disabled={add.busy || replacing !== null}
          name="purpose"
          required
        >
          <option value="">{t('retention.rules.form.choosePurpose')}</option>
          {(purposes ?? []).map((entry) => (
            <option key={entry.code} value={entry.code}>
              {purposeName(entry, entry.code, i18n.language)}
            </option>
          ))}
        </SelectField>
        <div className="field-row three">
          <TextField
            label={t('retention.rules.form.keepCount')}
            inputMode="numeric"
            value={count}
            maxLength={5}
            required
            onChange={(event) => setCount(event.target.value)}
            disabled={add.busy}
            name="keepCount"
            error={countError}
          />
          <SelectField
            label={t('retention.rules.form.keepUnit')}
            value={unit}
            onChange={(event) => setUnit(event.target.value as KeepUnit)}
            disabled={add.busy}
            name="keepUnit"
          >
            {KEEP_UNITS.map((entry) => (
              <option key={entry} value={entry}>
                {t(`retention.rules.form.units.${entry}`)}
              </option>
            ))}
          </SelectField>
          <SelectField
            label={t('retention.rules.form.anchor')}
            value={anchor}
            onChange={(event) => setAnchor(event.target.value as Anchor)}
            disabled={add.busy}
            name="anchor"
          >
            {ANCHORS.map((entry) => (
              <option key={entry} value={entry}>
                {t(`retention.anchors.${entry}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <SelectField
          label={t('retention.rules.form.action')}
          value={action}
          onChange={(event) => setAction(event.target.value as RetentionAction)}
          disabled={add.busy}
          name="action"
        >
          {RETENTION_ACTIONS.map((entry) => (
            <option key={entry} value={entry}>
              {t(`retention.actions.${entry}`)}
            </option>
          ))}
        </SelectField>
        <TextField
          label={t('retention.rules.form.legalRef')}
          hint={t('retention.rules.form.legalRefHint')}
          value={legalRef}
          maxLength={300}
          onChange={(event) => setLegalRef(event.target.value)}
          disabled={add.busy}
          name="legalRef"
          error={refMissing ? t('retention.rules.form.obligationNeedsRef') : null}
        />
        <div className="field">
          <label className="checkbox">
            <input
              type="checkbox"
              checked={obligation}
              disabled={add.busy}
              aria-describedby={obligationHintId}
              onChange={(event) => setObligation(event.target.checked)}
            />
            <span>{t('retention.rules.form.obligation')}</span>
          </label>
          <div className="field-hint" id={obligationHintId}>
            {t('retention.rules.form.obligationHint')}
          </div>
        </div>
        {purpose !== '' && keep !== null ? (
          <p className="muted" data-testid="retention-rule-summary">
            {t('retention.rules.form.summary', {
              purpose: name(purpose),
              keep: keepWords(t, { keepCount: Number(count), keepUnit: unit, anchor }),
              action: t(`retention.actions.${action}`),
            })}
          </p>
        ) : null}
        <ErrorAlert error={add.error} testId="retention-rule-error" />
        <div className="form-actions start">
          <SubmitButton busy={add.busy} disabled={!ready}>
            {replacing === null ? t('retention.rules.form.add') : t('retention.rules.form.replaceSubmit')}
          </SubmitButton>
          {replacing !== null ? (
            <button type="button" className="button" onClick={onCancel} disabled={add.busy}>
              {t('common.cancel')}
            </button>
          ) : null}
        </div>
      </form>
    </Section>
  );
}
