/** People: the search, the full list, and one person's detail. */
import { expect, type Locator, type Page } from '@playwright/test';

export class ProfilesPage {
  constructor(private readonly page: Page) {}

  searchBox(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search' });
  }

  async search(query: string): Promise<void> {
    await this.searchBox().fill(query);
  }

  results(): Locator {
    return this.page.getByTestId('search-results');
  }

  /** The visible rows of the full list (it is virtualized: only rows near the viewport exist). */
  listRows(): Locator {
    return this.page.getByTestId('profile-list').locator('[data-profile-id]');
  }

  total(): Locator {
    return this.page.getByTestId('profile-count');
  }

  async openResult(name: string): Promise<Locator> {
    await this.results().getByRole('button', { name }).click();
    const detail = this.page.getByTestId('profile-detail');
    await expect(detail.getByRole('heading', { level: 2, name })).toBeVisible();
    return detail;
  }

  async back(): Promise<void> {
    await this.page.getByRole('button', { name: /^← Back to/ }).click();
    await expect(this.page.getByTestId('profile-detail')).toHaveCount(0);
  }
}
