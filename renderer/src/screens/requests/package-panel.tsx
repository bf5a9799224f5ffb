/**
 * Building a request's access package: the period (calendar days in the vault's zone, or the whole
 * history), the report's language, an optional password; then the archive is offered as a download and
 * the request lists it with its fingerprint. Only a verified request matched to a person gets one.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestDetail, RequestPackage } from '../../../../main/api/contract';
import { Notice } from '../../components/alert';
import { SelectField, TextField } from '../../components/field';
import { JobStatus } from '../../components/job-status';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiData } from '../../hooks/use-api-data';
import { useJob } from '../../hooks/use-job';
import { downloadBase64 } from '../../lib/download';
import { formatDateTime, shortHash } from '../../lib/format';

function PackageEntry({ entry }: { readonly entry: RequestPackage }): ReactNode {
  const { t, i18n } = useTranslation();
  const period =
    entry.from === null && entry.to === null
      ? t('requests.package.wholeHistory')
      : t('requests.package.period', { from: entry.from ?? t('requests.package.start'), to: entry.to ?? t('requests.package.now') });
  return (
    <li data-testid="request-package" data-sha256={entry.sha256}>
      {t('requests.package.entry', {
        date: formatDateTime(entry.builtAt, i18n.language),
        user: entry.builtBy,
        period,
        language: t(`requests.package.languages.${entry.language}`, { defaultValue: entry.language }),
        encrypted: entry.encrypted ? t('requests.package.encrypted') : '',
      })}
      <br />
      <span className="muted small">
        {t('requests.package.fingerprint')} <code title={entry.sha256}>{shortHash(entry.sha256, 16)}</code>
      </span>
    </li>
  );
}

export function PackagePanel({ request, canAct }: { readonly request: RequestDetail; readonly canAct: boolean }): ReactNode {
  const { t, i18n } = useTranslation();
  const history = useApiData('requests.packages', { id: request.id });
  const job = useJob('requests.package');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [language, setLanguage] = useState<'fr' | 'en'>(i18n.language.startsWith('fr') ? 'fr' : 'en');
  const [password, setPassword] = useState('');
  const ready = request.status === 'verified' && request.matched.length > 0;
  const reversed = from !== '' && to !== '' && from > to;
  const shortPassword = password !== '' && password.length < 8;

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    if (reversed || shortPassword) return;
    await job.start({
      id: request.id,
      language,
      overwrite: false,
      ...(from === '' ? {} : { from }),
      ...(to === '' ? {} : { to }),
      ...(password === '' ? {} : { password }),
    });
    history.reload();
  }

  const built = job.state.kind === 'completed' ? job.state.value : null;
  if (built !== null && built.zipBase64 !== null && job.state.kind === 'completed' && !downloaded.has(built.package.id)) {
    downloaded.add(built.package.id);
    downloadBase64(built.fileName, built.zipBase64);
  }
  return (
    <Section title={t('requests.package.title')} description={t('requests.package.description')} id="request-package">
      {canAct && request.status !== 'closed' ? (
        ready ? (
          <form
            className="form"
            onSubmit={(event) => void submit(event)}
            noValidate
            aria-label={t('requests.package.title')}
            data-testid="request-package-form"
          >
            <div className="form-row">
              <TextField
                type="date"
                label={t('requests.package.from')}
                value={from}
                onChange={(event) => setFrom(event.target.value)}
                disabled={job.running}
                name="from"
              />
              <TextField
                type="date"
                label={t('requests.package.to')}
                value={to}
                onChange={(event) => setTo(event.target.value)}
                disabled={job.running}
                name="to"
                error={reversed ? t('requests.package.rangeReversed') : null}
              />
            </div>
            <p className="form-note">{t('requests.package.periodHint', { timeZone: request.timeZone })}</p>
            <SelectField
              label={t('requests.package.language')}
              value={language}
              onChange={(event) => setLanguage(event.target.value === 'en' ? 'en' : 'fr')}
              disabled={job.running}
              name="language"
            >
              <option value="fr">{t('requests.package.languages.fr')}</option>
              <option value="en">{t('requests.package.languages.en')}</option>
            </SelectField>
            <TextField
              type="password"
              label={t('requests.package.password')}
              hint={t('requests.package.passwordHint')}
              value={password}
              autoComplete="new-password"
              onChange={(event) => setPassword(event.target.value)}
              disabled={job.running}
              name="password"
              error={shortPassword ? t('requests.package.passwordTooShort') : null}
            />
            <div className="form-actions start">
              <SubmitButton busy={job.running} disabled={reversed || shortPassword}>
                {t('requests.package.build')}
              </SubmitButton>
            </div>
          </form>
        ) : (
          <p className="muted" data-testid="request-package-needs-verification">
            {t('requests.package.needVerified')}
          </p>
        )
      ) : null}
      <JobStatus job={job} label={t('requests.package.building')} />
      {built !== null ? (
        <div className="result result-ok" data-testid="request-package-result" data-sha256={built.package.sha256}>
          <p className="result-title">
            {t('requests.package.built', { records: built.package.records, events: built.package.events, consents: built.package.consentEvents })}
          </p>
          {built.package.withheld > 0 ? <Notice tone="info">{t('requests.package.withheld', { count: built.package.withheld })}</Notice> : null}
          {built.zipBase64 !== null ? (
            <button type="button" className="button" onClick={() => downloadBase64(built.fileName, built.zipBase64 ?? '')}>
              {t('requests.package.download')}
            </button>
          ) : null}
        </div>
      ) : null}
      <h3 className="card-title">{t('requests.package.history')}</h3>
      {history.data !== null && history.data.length === 0 ? <p className="muted">{t('requests.package.noneYet')}</p> : null}
      <ul className="stack" data-testid="request-packages">
        {(history.data ?? []).map((entry) => (
          <PackageEntry key={entry.id} entry={entry} />
        ))}
      </ul>
    </Section>
  );
}

/** Packages already offered for download in this window: a re-render must not download one twice. */
const downloaded = new Set<number>();
