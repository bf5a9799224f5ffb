import type { Locator, Page } from '@playwright/test';

export class SettingsPage {
  constructor(private readonly page: Page) {}

  /** The language select is labelled in the current language, so it is found by its section instead. */
  async chooseLanguage(language: 'en' | 'fr'): Promise<void> {
    await this.page.locator('#language select').selectOption(language);
  }

  async chooseRegion(region: 'CA' | 'FR' | 'PL' | 'US' | 'other'): Promise<void> {
    await this.page.locator('#region select').selectOption(region);
  }

  regionExample(): Locator {
    return this.page.getByTestId('region-example');
  }
}
