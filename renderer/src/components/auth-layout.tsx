/** The frame of everything shown before unlock: one calm card, the vault folder and the language. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSelect } from './language-select';
import { Logo } from './logo';

interface Props {
  readonly title: string;
  readonly intro?: ReactNode;
  readonly vaultDir?: string;
  readonly children: ReactNode;
  readonly wide?: boolean;
  /** Off where the backend is unreachable: the choice could not be saved. */
  readonly languageChoice?: boolean;
}

export function AuthLayout({ title, intro, vaultDir, children, wide = false, languageChoice = true }: Props): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="auth">
      <main className={`auth-card ${wide ? 'wide' : ''}`}>
        <div className="auth-brand">
          <Logo size={30} />
          <span className="brand-name">Custodia</span>
        </div>
        <h1 className="auth-title">{title}</h1>
        {intro ? <p className="auth-intro">{intro}</p> : null}
        {children}
      </main>
      <footer className="auth-footer">
        {vaultDir ? (
          <p className="vault-dir" title={vaultDir}>
            {t('start.vaultFolder')} <code data-testid="vault-dir">{vaultDir}</code>
          </p>
        ) : (
          <span />
        )}
        {languageChoice ? <LanguageSelect compact /> : null}
      </footer>
    </div>
  );
}
