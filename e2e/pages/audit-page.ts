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

  /** Opens the side panel of the newest rendered entry with this action, through its row's button. */
  async openEntry(action: string): Promise<Locator> {
    await this.row(action).first().getByRole('button').click();
    const panel = this.panel();
    await expect(panel.getByTestId('audit-entry-hash')).toBeVisible();
    return panel;
  }

  panel(): Locator {
    return this.page.getByTestId('audit-entry-panel');
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
