/** Data quality: a source's flagged values, their counts, the list, and the bulk correction. */
import { expect, type Locator, type Page } from '@playwright/test';

export class QualityPage {
  constructor(private readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: 'Data quality' });
  }

  headline(): Locator {
    return this.page.getByTestId('quality-headline');
  }

  counts(): Locator {
    return this.page.getByTestId('quality-counts').locator('tbody tr');
  }

  flags(): Locator {
    return this.page.getByTestId('quality-flags').locator('tbody tr');
  }

  async openPerson(name: string): Promise<Locator> {
    await this.page.getByTestId('quality-flags').getByRole('button', { name }).click();
    const detail = this.page.getByTestId('profile-detail');
    await expect(detail.getByRole('heading', { level: 2, name })).toBeVisible();
    return detail;
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: '← Back to Data quality' }).click();
    await expect(this.page.getByTestId('profile-detail')).toHaveCount(0);
  }

  correction(): Locator {
    return this.page.getByTestId('quality-correct');
  }

  /** Previews reading the flagged phones as another country's, and returns what the preview says. */
  async previewPhones(country: string): Promise<Locator> {
    const panel = this.correction();
    await panel.getByLabel('What to correct').selectOption('phoneCountry');
    await panel.getByLabel('Read the phone numbers as numbers of').selectOption(country);
    await panel.getByRole('button', { name: 'Preview' }).click();
    const plan = panel.getByTestId('correction-plan');
    await expect(plan).toBeVisible();
    return plan;
  }

  async apply(): Promise<Locator> {
    await this.correction().getByRole('button', { name: 'Apply' }).click();
    const done = this.correction().getByTestId('correction-done');
    await expect(done).toBeVisible({ timeout: 30_000 });
    return done;
  }
}
