/** Everything before unlock: create the vault, read the recovery code once, unlock. */
import { expect, type Locator, type Page } from '@playwright/test';

export class StartPage {
  constructor(private readonly page: Page) {}

  heading(name: string | RegExp): Locator {
    return this.page.getByRole('heading', { level: 1, name });
  }

  /** Creates the vault and returns the recovery code shown once afterwards. */
  async createVault(adminName: string, passphrase: string): Promise<string> {
    await expect(this.heading('Create your vault')).toBeVisible();
    await this.page.getByLabel('Your user name').fill(adminName);
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByLabel('Repeat the passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Create the vault' }).click();
    const code = this.page.getByTestId('recovery-code');
    await expect(code).toBeVisible({ timeout: 30_000 });
    return (await code.textContent()) ?? '';
  }

  async acknowledgeRecoveryCode(): Promise<void> {
    const proceed = this.page.getByRole('button', { name: 'Continue' });
    await expect(proceed).toBeDisabled();
    await this.page.getByLabel('I have saved the recovery code somewhere safe').check();
    await proceed.click();
  }

  async fillUnlock(userName: string, passphrase: string): Promise<void> {
    await expect(this.heading('Unlock the vault')).toBeVisible();
    await this.page.getByLabel('User name').fill(userName);
    await this.page.getByLabel('Passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Unlock', exact: true }).click();
  }

  async unlock(userName: string, passphrase: string): Promise<void> {
    await this.fillUnlock(userName, passphrase);
    await expect(this.page.getByTestId('current-user')).toContainText(userName, { timeout: 30_000 });
  }

  unlockError(): Locator {
    return this.page.getByTestId('unlock-error');
  }

  /** Resets an administrator's passphrase with the recovery code; returns the new code shown once. */
  async recover(recoveryCode: string, adminName: string, newPassphrase: string): Promise<string> {
    await this.page.getByRole('button', { name: 'Forgot your passphrase? Use the recovery code' }).click();
    await expect(this.heading('Recover access')).toBeVisible();
    await this.page.getByLabel('Recovery code').fill(recoveryCode);
    await this.page.getByLabel('Administrator’s user name').fill(adminName);
    await this.page.getByLabel('New passphrase').fill(newPassphrase);
    await this.page.getByLabel('Repeat the passphrase').fill(newPassphrase);
    await this.page.getByRole('button', { name: 'Reset the passphrase' }).click();
    await expect(this.heading('Your new recovery code')).toBeVisible({ timeout: 30_000 });
    return (await this.page.getByTestId('recovery-code').textContent()) ?? '';
  }
}
