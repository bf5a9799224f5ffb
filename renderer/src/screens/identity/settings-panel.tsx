/**
 * The administrator's resolution settings: the two thresholds, the comparisons and the blocking keys.
 * A dry run (identity.resolve with dryRun and the unsaved settings) says what the change would give
 * before anything is saved; changing the form again drops that answer, so it always describes the form.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { IdentitySettings, MethodReply } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { TextField } from '../../components/field';
import { JobProgressBar } from '../../components/job-progress';
import { useApiAction } from '../../hooks/use-action';
import type { ApiData } from '../../hooks/use-api-data';
import { useJob } from '../../hooks/use-job';
import { formatNumber } from '../../lib/format';
import { hasRole, useSession } from '../../session/session-context';
import { SettingsChoices } from './settings-choices';

interface Draft {
  readonly matchThreshold: string;
  readonly reviewThreshold: string;
  readonly comparisons: readonly string[];
  readonly blocking: readonly string[];
}

const toDraft = (settings: IdentitySettings): Draft => ({ ...settings, matchThreshold: String(settings.matchThreshold), reviewThreshold: String(settings.reviewThreshold) });

function toSettings(draft: Draft): IdentitySettings | null {
  const match = Number(draft.matchThreshold.replace(',', '.').replace('−', '-'));
  const review = Number(draft.reviewThreshold.replace(',', '.').replace('−', '-'));
  if (draft.matchThreshold.trim() === '' || draft.reviewThreshold.trim() === '' || !Number.isFinite(match) || !Number.isFinite(review) || review > match) return null;
  return { matchThreshold: match, reviewThreshold: review, comparisons: [...draft.comparisons], blocking: [...draft.blocking] };
}

interface Props {
  readonly settings: ApiData<MethodReply<'identity.settings'>>;
  readonly onSaved: () => void;
}

export function SettingsPanel({ settings, onSaved }: Props): ReactNode {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const admin = hasRole(user, 'administrator');
  const loaded = settings.data;
  const [draft, setDraft] = useState<Draft | null>(null);
  const [saved, setSaved] = useState(false);
  const dryRun = useJob('identity.resolve');
  const save = useApiAction('identity.saveSettings');
  // Untouched, the form shows what is saved; the first change makes it a draft of its own.
  const shown = draft ?? (loaded ? toDraft(loaded.settings) : null);

  if (settings.error) return <ErrorAlert error={settings.error} />;
  if (!loaded || !shown) return <p className="muted">{t('common.loading')}</p>;
  const chosen = toSettings(shown);
  const reviewAbove = chosen === null && Number(shown.reviewThreshold) > Number(shown.matchThreshold);
  const format = (value: number): string => formatNumber(value, i18n.language);

  function change(next: Partial<Draft>): void {
    setDraft({ ...(shown as Draft), ...next });
    setSaved(false);
    dryRun.reset();
    save.clearError();
  }

  async function submit(): Promise<void> {
    if (!chosen) return;
    const result = await save.run({ settings: chosen });
    if (result.ok) {
      setDraft(toDraft(result.value));
      setSaved(true);
      onSaved();
    }
  }

  const state = dryRun.state;
  return (
    <section className="card" aria-labelledby="identity-settings-title" data-testid="identity-settings">
      <h2 className="card-title" id="identity-settings-title">
        {t('identity.settings.title')}
      </h2>
      <p className="card-description">{t('identity.settings.description')}</p>
      {!admin ? <p className="muted">{t('identity.settings.readOnly')}</p> : null}
      <form
        className="form"
        aria-labelledby="identity-settings-title"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <div className="field-row">
          <TextField
            label={t('identity.settings.matchThreshold')}
            hint={t('identity.settings.matchHint')}
            inputMode="decimal"
            value={shown.matchThreshold}
            onChange={(event) => change({ matchThreshold: event.target.value })}
          />
          <TextField
            label={t('identity.settings.reviewThreshold')}
            hint={t('identity.settings.reviewHint')}
            error={reviewAbove ? t('identity.settings.reviewAbove') : null}
            inputMode="decimal"
            value={shown.reviewThreshold}
            onChange={(event) => change({ reviewThreshold: event.target.value })}
          />
        </div>
        <SettingsChoices
          legend={t('identity.settings.comparisons')}
          hint={t('identity.settings.comparisonsHint')}
          names={loaded.defaults.comparisons}
          chosen={shown.comparisons}
          label={(name) => t(`identity.comparisons.${name}`, { defaultValue: name })}
          disabled={false}
          onChange={(comparisons) => change({ comparisons })}
          testId="identity-comparisons"
        />
        <SettingsChoices
          legend={t('identity.blocking.title')}
          hint={t('identity.blocking.description')}
          names={loaded.defaults.blocking}
          chosen={shown.blocking}
          label={(name) => t(`identity.blocking.keys.${name}`, { defaultValue: name })}
          disabled={false}
          onChange={(blocking) => change({ blocking })}
          testId="identity-blocking"
        />
        <div className="form-actions start">
          <button type="button" className="button" disabled={chosen === null || dryRun.running} onClick={() => chosen && void dryRun.start({ dryRun: true, settings: chosen })}>
            {t('identity.settings.dryRun')}
          </button>
          {admin ? (
            <button type="submit" className="button button-primary" disabled={chosen === null || save.busy || dryRun.running}>
              {t('identity.settings.save')}
            </button>
          ) : null}
          <button type="button" className="button" disabled={dryRun.running} onClick={() => change(toDraft(loaded.defaults))}>
            {t('identity.settings.defaults')}
          </button>
        </div>
      </form>
      {state.kind === 'running' ? (
        <JobProgressBar label={t('identity.settings.dryRunning')} progress={state.progress} cancelling={state.cancelling} onCancel={() => void dryRun.cancel()} />
      ) : null}
      {state.kind === 'completed' ? (
        <Notice testId="dry-run-result">
          {t('identity.settings.dryResult', {
            after: format(state.value.profilesAfter),
            before: format(state.value.profilesBefore),
            moved: format(state.value.moved),
            review: format(state.value.reviewPairs),
          })}
        </Notice>
      ) : null}
      {state.kind === 'cancelled' ? <Notice tone="warning">{t('identity.settings.dryStopped')}</Notice> : null}
      {state.kind === 'failed' ? <ErrorAlert error={state.error} /> : null}
      <ErrorAlert error={save.error} />
      {saved ? (
        <Notice tone="success" testId="settings-saved">
          {t('identity.settings.saved')}
        </Notice>
      ) : null}
    </section>
  );
}
