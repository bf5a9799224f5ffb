/** Identities: status and Resolve, the review queue, conflicts, and the settings with their dry run. */
import { expect, type Locator, type Page } from '@playwright/test';

export class IdentityPage {
  constructor(private readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Identities' });
  }

  tab(name: RegExp | string): Locator {
    return this.page.getByRole('tab', { name });
  }

  profiles(): Locator {
    return this.page.getByTestId('identity-profiles');
  }

  async resolve(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Resolve identities' }).click();
    const result = this.page.getByTestId('resolve-result');
    await expect(result).toBeVisible({ timeout: 60_000 });
    return result;
  }

  settings(): Locator {
    return this.page.getByTestId('identity-settings');
  }

  /** Sets the thresholds in the form, without saving. */
  async setThresholds(match: number, review: number): Promise<void> {
    await this.tab('Settings').click();
    await this.settings().getByLabel('Match threshold').fill(String(match));
    await this.settings().getByLabel('Review threshold').fill(String(review));
  }

  async dryRun(): Promise<Locator> {
    await this.settings().getByRole('button', { name: 'Dry run' }).click();
    const result = this.settings().getByTestId('dry-run-result');
    await expect(result).toBeVisible({ timeout: 60_000 });
    return result;
  }

  async saveSettings(): Promise<void> {
    await this.settings().getByRole('button', { name: 'Save the settings' }).click();
    await expect(this.settings().getByTestId('settings-saved')).toBeVisible();
  }

  pair(): Locator {
    return this.page.getByTestId('review-pair');
  }

  notice(): Locator {
    return this.page.getByTestId('decision-notice');
  }
}
