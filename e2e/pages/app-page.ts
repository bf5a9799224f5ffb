/** The app as a whole: opening it with its launch link, navigating, locking, and raw API calls from the page. */
import { expect, type Locator, type Page } from '@playwright/test';
import type { Served } from '../fixtures';
import { AuditPage } from './audit-page';
import { IdentityPage } from './identity-page';
import { ImportPage } from './import-page';
import { ProfilesPage } from './profiles-page';
import { QualityPage } from './quality-page';
import { SettingsPage } from './settings-page';
import { SourcesPage } from './sources-page';
import { StartPage } from './start-page';
import { UsersPage } from './users-page';

export type AreaName = 'Overview' | 'Import' | 'People' | 'Identities' | 'Requests' | 'Consent' | 'Data quality' | 'Sources' | 'Audit trail' | 'Users' | 'Settings';

/** The page's globals used from page.evaluate; typed here because the e2e tsconfig has no DOM library. */
interface PageGlobals {
  readonly sessionStorage: { getItem(key: string): string | null };
}

export class AppPage {
  readonly start: StartPage;
  readonly users: UsersPage;
  readonly audit: AuditPage;
  readonly settings: SettingsPage;
  readonly importer: ImportPage;
  readonly profiles: ProfilesPage;
  readonly sources: SourcesPage;
  readonly quality: QualityPage;
  readonly identity: IdentityPage;

  constructor(
    readonly page: Page,
    readonly served: Served,
  ) {
    this.start = new StartPage(page);
    this.users = new UsersPage(page);
    this.audit = new AuditPage(page);
    this.settings = new SettingsPage(page);
    this.importer = new ImportPage(page);
    this.profiles = new ProfilesPage(page);
    this.sources = new SourcesPage(page);
    this.quality = new QualityPage(page);
    this.identity = new IdentityPage(page);
  }

  async open(): Promise<void> {
    await this.page.goto(this.served.url);
  }

  /** Where most specs start: a new vault, its administrator signed in, the recovery code acknowledged. */
  async openNewVault(admin: { readonly name: string; readonly passphrase: string }): Promise<void> {
    await this.open();
    await this.start.createVault(admin.name, admin.passphrase);
    await this.start.acknowledgeRecoveryCode();
  }

  navigation(name = 'Main navigation'): Locator {
    return this.page.getByRole('navigation', { name });
  }

  currentUser(): Locator {
    return this.page.getByTestId('current-user');
  }

  async goTo(area: AreaName): Promise<void> {
    await this.navigation().getByRole('button', { name: area, exact: true }).click();
  }

  async lock(): Promise<void> {
    await this.page.getByRole('button', { name: /^Lock/ }).click();
    await expect(this.start.heading('Unlock the vault')).toBeVisible();
  }

  /** Calls the API the way a script in the page could, with the page's own token. */
  async callApi(method: string, input: unknown): Promise<{ status: number; body: unknown }> {
    return this.page.evaluate(
      async ({ method, input }) => {
        const token = (globalThis as unknown as PageGlobals).sessionStorage.getItem('custodia.token');
        const response = await fetch('/api/call', {
          method: 'POST',
          headers: { Authorization: `Bearer ${token ?? ''}`, 'Content-Type': 'application/json' },
          body: JSON.stringify({ method, input }),
        });
        return { status: response.status, body: (await response.json()) as unknown };
      },
      { method, input },
    );
  }
}
