import { expect, type Locator, type Page } from '@playwright/test';

export class AuditPage {
  constructor(private readonly page: Page) {}

  /** The rendered entry rows (the list is virtualized: only rows near the viewport exist). */
  rows(): Locator {
    return this.page.getByTestId('audit-list').getByRole('row');
  }

  row(action: string): Locator {
    return this.page.getByTestId('audit-list').locator(`[role="row"][data-action="${action}"]`);
  }

  total(): Locator {
    return this.page.getByTestId('audit-total');
  }

  async tab(name: 'Entries' | 'Verification' | 'Export' | 'Checkpoints'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  /** Runs the whole-chain verification and returns its result block. */
  async verify(): Promise<Locator> {
    await this.tab('Verification');
    const section = this.page.locator('#verify-chain');
    await section.getByRole('button', { name: 'Verify the audit trail' }).click();
    const result = section.getByTestId('verify-result');
    await expect(result).toBeVisible({ timeout: 30_000 });
    return result;
  }
}
