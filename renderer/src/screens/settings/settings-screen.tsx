/** Settings: personal ones for everyone, vault-wide ones for the roles the contract allows. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from '../../components/language-select';
import { RegionSelect } from '../../components/region-select';
import { PageHeader, Section } from '../../components/section';
import { hasRole, useSession } from '../../session/session-context';
import { ErasureSettingsSection } from '../erasure/erasure-settings-section';
import { ProcessingReportSection } from '../processing/processing-report-section';
import { BackupSection } from './backup-section';
import { IdleLockSection } from './idle-lock-section';
import { IntegritySection } from './integrity-section';
import { PassphraseSection } from './passphrase-section';
import { PurposesSection } from './purposes-section';
import { RequestsSettingsSection } from './requests-settings-section';
import { RestoreSection } from './restore-section';

export function SettingsScreen(): ReactNode {
  const { t } = useTranslation();
  const { user } = useSession();
  const admin = hasRole(user, 'administrator');
  return (
    <div className="page">
      <PageHeader title={t('settings.title')} />
      <h2 className="group-title">{t('settings.personal')}</h2>
      <div className="stack">
        <Section title={t('settings.language.title')} description={t('settings.language.description')} id="language">
          <LanguageSelect />
        </Section>
        <Section title={t('settings.region.title')} description={t('settings.region.description')} id="region">
          <RegionSelect />
        </Section>
        <PassphraseSection />
      </div>
      {admin || hasRole(user, 'auditor') ? <h2 className="group-title">{t('settings.vault')}</h2> : null}
      <div className="stack">
        {admin ? <IdleLockSection /> : null}
        {admin ? <BackupSection /> : null}
        {admin ? <RestoreSection /> : null}
        {hasRole(user, 'administrator', 'auditor') ? <IntegritySection /> : null}
      </div>
      <h2 className="group-title">{t('purposes.catalogGroup')}</h2>
      <div className="stack">
        <PurposesSection />
        <RequestsSettingsSection canChange={admin} />
        <ErasureSettingsSection canChange={admin} />
        {/* Stewards do not see the audit area: the records of processing are here for every role too. */}
        <ProcessingReportSection />
      </div>
    </div>
  );
}
