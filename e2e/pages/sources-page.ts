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

  /** A source's row in the Sources tab's register. */
  sourceRow(name: string): Locator {
    return this.page.getByTestId('sources-table').locator(`tr[data-source="${name}"]`);
  }

  editSourceButton(name: string): Locator {
    return this.sourceRow(name).getByRole('button', { name: `Edit the source ${name}` });
  }

  /** The editor of a source, opened in place of the register. */
  sourceEditor(): Locator {
    return this.page.getByTestId('source-editor');
  }

  connector(name: string): Locator {
    return this.page.locator(`[data-testid="connector"][data-name="${name}"]`);
  }

  /** Adds a watched-folder connector; the folder is tested first, then the connector saved. */
  async addFolderConnector(name: string, folder: string, purpose: string): Promise<Locator> {
    return this.addConnector(name, 'folder', purpose, async (form) => {
      await form.getByLabel('Folder', { exact: true }).fill(folder);
      await form.getByLabel('Wait for files (seconds)').fill('0');
    });
  }

  /** Adds a REST API connector with an authentication header; tested first, then saved. */
  async addRestConnector(name: string, api: RestApi, purpose: string): Promise<Locator> {
    return this.addConnector(name, 'rest', purpose, async (form) => {
      await form.getByLabel('Base address').fill(api.baseUrl);
      await form.getByLabel('Path', { exact: true }).fill(api.path);
      await form.getByLabel('Header value').fill(api.authValue);
      await form.getByLabel('Records path').fill(api.recordsPath);
    });
  }

  /** The add form's common steps around the kind's own fields: name, kind, purpose, Test, then Add. */
  private async addConnector(name: string, kind: string, purpose: string, fillSettings: (form: Locator) => Promise<void>): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Add a connector' }).click();
    const form = this.page.getByRole('form', { name: 'Add a connector' });
    await form.getByLabel('Name', { exact: true }).fill(name);
    await form.getByLabel('Kind').selectOption(kind);
    await fillSettings(form);
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

  /** Opens a connector's edit form, in its card. */
  async editConnector(name: string): Promise<Locator> {
    await this.connector(name).getByRole('button', { name: 'Edit' }).click();
    const form = this.editForm(name);
    await expect(form).toBeVisible();
    return form;
  }

  editForm(name: string): Locator {
    return this.connector(name).getByRole('form', { name: `Edit the connector ${name}` });
  }

  /** The card's settings, secrets masked, as `key value` lines. */
  async settings(name: string): Promise<Locator> {
    const details = this.connector(name).locator('details.connector-config');
    if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
    return details;
  }
}

export interface RestApi {
  readonly baseUrl: string;
  readonly path: string;
  readonly authValue: string;
  readonly recordsPath: string;
}
