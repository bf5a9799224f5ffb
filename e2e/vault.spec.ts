/**
 * The vault's main path in browser mode: an administrator creates the vault and an auditor account;
 * the auditor sees only what the role allows (in the UI and at the API), reads the audit trail and
 * verifies it.
 */
import { expect, test } from './fixtures';

const ADMIN = { name: 'Alice Admin', passphrase: 'correct horse battery staple' };
const AUDITOR = { name: 'Oscar Auditor', passphrase: 'audit the ledger every quarter' };

test('an administrator sets up the vault and an auditor verifies its audit trail', async ({ app, page }) => {
  const cspViolations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) cspViolations.push(message.text());
  });

  await app.open();
  // The launch token leaves the address bar at once.
  await expect(page).toHaveURL(`${app.served.origin}/`);
  await expect(page.getByTestId('vault-dir')).toHaveText(app.served.vaultDir);

  const recoveryCode = await app.start.createVault(ADMIN.name, ADMIN.passphrase);
  expect(recoveryCode).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4})+$/);
  await app.start.acknowledgeRecoveryCode();
  await expect(app.currentUser()).toContainText(ADMIN.name);
  await expect(app.currentUser()).toContainText('Administrator');

  await app.goTo('Users');
  await app.users.addUser(AUDITOR.name, 'auditor', AUDITOR.passphrase);
  await expect(app.users.row(AUDITOR.name)).toContainText('Auditor');
  await expect(app.users.row(AUDITOR.name)).toContainText('Active');

  await app.lock();
  await app.start.unlock(AUDITOR.name, AUDITOR.passphrase);
  await expect(app.currentUser()).toContainText('Auditor');

  const nav = app.navigation();
  await expect(nav.getByRole('button', { name: 'Audit trail' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Settings' })).toBeVisible();
  await expect(nav.getByRole('button', { name: 'Users' })).toHaveCount(0);

  // Hiding the area is a courtesy; the backend is what refuses.
  const attempt = await app.callApi('users.add', { name: 'Mallory', role: 'administrator', passphrase: 'let me in, please, now' });
  expect(attempt.status).toBe(200);
  expect(attempt.body).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });

  await app.goTo('Audit trail');
  // created, admin added, auditor added, locked, unlocked: newest first.
  await expect(app.audit.total()).toHaveAttribute('data-total', '5');
  await expect(app.audit.rows()).toHaveCount(5);
  await expect(app.audit.rows().first()).toHaveAttribute('data-action', 'vault.unlocked');
  await expect(app.audit.rows().last()).toHaveAttribute('data-action', 'vault.created');
  await expect(app.audit.row('user.added')).toHaveCount(2);
  await expect(app.audit.row('vault.locked')).toContainText('Vault locked');
  await expect(app.audit.row('vault.unlocked')).toContainText(AUDITOR.name);

  const result = await app.audit.verify();
  await expect(result).toHaveAttribute('data-intact', 'true');
  await expect(result).toHaveAttribute('data-entries', '5');
  await expect(result).toContainText('Intact: 5 entries verified.');

  expect(cspViolations).toEqual([]);
});
