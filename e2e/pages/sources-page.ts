/** Sources: the sources' register, the import history and the connectors. */
import { expect, type Locator, type Page } from '@playwright/test';

export class SourcesPage {
  constructor(private readonly page: Page) {}

  async tab(name: 'Sources' | 'Import history' | 'Connectors'): Promise<void> {
    await this.page.getByRole('tab', { name }).click();
  }

  runs(): Locator {
    return this.page.getByTestId('runs-table').locator('tbody tr');
  }

  connector(name: string): Locator {
    return this.page.locator(`[data-testid="connector"][data-name="${name}"]`);
  }

  /** Adds a watched-folder connector; the folder is tested first, then the connector saved. */
  async addFolderConnector(name: string, folder: string, purpose: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add a connector' }).click();
    const form = this.page.getByRole('form', { name: 'Add a connector' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Kind').selectOption('folder');
    await form.getByLabel('Folder', { exact: true }).fill(folder);
    await form.getByLabel('Wait for files (seconds)').fill('0');
    await form.getByLabel('New purpose').fill(purpose);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await form.getByRole('button', { name: 'Test', exact: true }).click();
    await expect(form.getByTestId('connector-test-result')).toBeVisible({ timeout: 30_000 });
    await form.getByRole('button', { name: 'Add the connector' }).click();
    await expect(form).toHaveCount(0);
    const card = this.connector(name);
    await expect(card).toBeVisible();
    return card;
  }
}
