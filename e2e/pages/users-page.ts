import { expect, type Locator, type Page } from '@playwright/test';

export class UsersPage {
  constructor(private readonly page: Page) {}

  row(name: string): Locator {
    return this.page
      .getByTestId('users-table')
      .getByRole('row')
      .filter({ has: this.page.getByRole('rowheader', { name }) });
  }

  async addUser(name: string, role: 'administrator' | 'steward' | 'auditor', passphrase: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Add a user' });
    await form.getByLabel('User name').fill(name);
    await form.getByLabel('Role').selectOption(role);
    await form.getByLabel('Initial passphrase', { exact: true }).fill(passphrase);
    await form.getByLabel('Repeat the initial passphrase').fill(passphrase);
    await form.getByRole('button', { name: 'Add the user' }).click();
    await expect(this.row(name)).toBeVisible({ timeout: 30_000 });
  }

  async disable(name: string): Promise<void> {
    await this.row(name)
      .getByRole('button', { name: /^Disable/ })
      .click();
    const dialog = this.page.getByRole('dialog', { name: `Disable ${name}?` });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Disable the account' }).click();
    await expect(dialog).toBeHidden();
  }
}
