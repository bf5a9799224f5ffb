import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { asAdmin, asAuditor, cli, initVault } from '../test-support/cli';
import { AUDITOR, tempDir } from '../test-support/temp-vault';

const SHOP = JSON.stringify([{ customer: { id: 1, first_name: 'Zoé', last_name: 'Martin', email: 'zoe@exemple.fr' } }]);

async function vaultWithZoe(): Promise<{ dir: string; zoe: number }> {
  const dir = await initVault();
  const file = path.join(tempDir(), 'shop.json');
  fs.writeFileSync(file, SHOP);
  expect((await cli(['import', file, '--source', 'Boutique', '--country', 'FR'], asAdmin(dir))).code).toBe(0);
  const [zoe] = JSON.parse((await cli(['profiles', 'search', 'zoe', '--json'], asAdmin(dir))).stdout) as { id: number }[];
  return { dir, zoe: zoe!.id };
}

describe('custodia requests', () => {
  it('opens, verifies, extends, lists, shows and closes a request', async () => {
    const { dir, zoe } = await vaultWithZoe();
    const opened = await cli(
      ['requests', 'open', '--type', 'access', '--jurisdiction', 'eu', '--requester', 'Zoé Martin', '--received', '2026-01-31', '--channel', 'letter'],
      asAdmin(dir),
    );
    expect(opened).toMatchObject({ code: 0, stdout: 'Request 1 opened: due 2026-02-28 (GDPR Art. 12(3)).\n' });
    const json = JSON.parse(
      (await cli(['requests', 'open', '--type', 'erasure', '--jurisdiction', 'quebec', '--requester', 'Léa Roy', '--json'], asAdmin(dir))).stdout,
    );
    expect(json).toMatchObject({ id: 2, type: 'erasure', jurisdiction: 'quebec', requesterName: 'Léa Roy', status: 'open', daysLeft: 30 });

    const verified = await cli(
      ['requests', 'verify', '1', '--profile', String(zoe), '--method', 'video call', '--identifiers', 'name,email', '--document', 'passport'],
      asAdmin(dir),
    );
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(/^Request 1 verified\.\nRequest 1: access, eu \(GDPR Art\. 12\(3\)\), verified\n/);
    expect(verified.stdout).toMatch(/matched name, email; document seen: passport\n {2}profile \d+: records \d+\n/);

    const list = await cli(['requests', 'list'], asAdmin(dir));
    expect(list.stdout).toMatch(
      /^ID\s+TYPE\s+LAW\s+REQUESTER\s+RECEIVED\s+DEADLINE\s+STATUS\s+WHEN\n1\s+access\s+eu\s+Zoé Martin\s+2026-01-31\s+2026-02-28\s+verified\s+OVERDUE by \d+ day\(s\)\n2\s+erasure/,
    );
    const listed = JSON.parse((await cli(['requests', 'list', '--json'], asAdmin(dir))).stdout);
    expect(listed.requests.map((request: { id: number; overdue: boolean }) => [request.id, request.overdue])).toEqual([
      [1, true],
      [2, false],
    ]);

    const closed = await cli(['requests', 'close', '1', '--outcome', 'fulfilled', '--note', 'sent by post'], asAdmin(dir));
    expect(closed).toMatchObject({ code: 0, stdout: 'Request 1 closed: fulfilled.\n' });
    const shown = JSON.parse((await cli(['requests', 'show', '1', '--json'], asAdmin(dir))).stdout);
    expect(shown).toMatchObject({ status: 'closed', outcome: 'fulfilled', outcomeNote: 'sent by post', matched: [{ profileId: zoe }] });
    expect((await cli(['requests', 'list', '--status', 'closed'], asAdmin(dir))).stdout).toMatch(
      /\n1\s+access\s+eu\s+Zoé Martin\s+2026-01-31\s+2026-02-28\s+closed\s+closed \d{4}-\d{2}-\d{2} \(fulfilled\)\n/,
    );
    expect(JSON.parse((await cli(['requests', 'stats', '--json'], asAdmin(dir))).stdout)).toMatchObject({ open: 1, overdue: 0 });
  });

  it('builds the access package of a verified request into a file, encrypted when asked', async () => {
    const { dir, zoe } = await vaultWithZoe();
    await cli(['requests', 'open', '--type', 'access', '--jurisdiction', 'quebec', '--requester', 'Zoé Martin'], asAdmin(dir));
    const out = path.join(tempDir(), 'zoe.zip');
    const early = await cli(['requests', 'package', '1', '--out', out], asAdmin(dir));
    expect(early.code).not.toBe(0);
    expect(early.stderr).toMatch(/not verified/);
    expect(fs.existsSync(out)).toBe(false);
    // The shape: --profile and --method, the identifiers left unstated.
    expect((await cli(['requests', 'verify', '1', '--profile', String(zoe), '--method', 'video call'], asAdmin(dir))).code).toBe(0);
    const built = await cli(['requests', 'package', '1', '--out', out, '--language', 'en'], asAdmin(dir));
    expect(built.code).toBe(0);
    expect(built.stdout).toMatch(/^Access package written to .*zoe\.zip\.\n {2}period: the beginning – now \([^)]+\); 1 record\(s\)/);
    expect(fs.readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    // A second build of the same state is the same archive; the file is only replaced with --force.
    expect((await cli(['requests', 'package', '1', '--out', out], asAdmin(dir))).code).not.toBe(0);
    const again = JSON.parse((await cli(['requests', 'package', '1', '--out', out, '--language', 'en', '--force', '--json'], asAdmin(dir))).stdout);
    expect(again.package.sha256).toBe(/SHA-256 ([0-9a-f]{64})/.exec(built.stdout)![1]);
    const passwordFile = path.join(tempDir(), 'password.txt');
    fs.writeFileSync(passwordFile, 'un mot de passe sûr\n');
    const locked = JSON.parse(
      (
        await cli(
          ['requests', 'package', '1', '--out', path.join(tempDir(), 'locked.zip'), '--language', 'en', '--password-file', passwordFile, '--json'],
          asAdmin(dir),
        )
      ).stdout,
    );
    expect(locked.package).toMatchObject({ encrypted: true, manifestSha256: again.package.manifestSha256 });
    expect(locked.package.sha256).not.toBe(again.package.sha256);
  });

  it('names the organisation and sets the vault’s time zone, which the deadlines and packages then use', async () => {
    const dir = await initVault();
    expect((await cli(['requests', 'settings', '--organisation', 'Boutique Exemple', '--time-zone', 'America/Toronto'], asAdmin(dir))).stdout).toBe(
      'Organisation: Boutique Exemple\nTime zone: America/Toronto\n',
    );
    expect(JSON.parse((await cli(['requests', 'settings', '--json'], asAdmin(dir))).stdout)).toEqual({
      organisationName: 'Boutique Exemple',
      timeZone: 'America/Toronto',
      timeZoneFromComputer: false,
    });
    const wrong = await cli(['requests', 'settings', '--time-zone', 'Mars/Olympus'], asAdmin(dir));
    expect(wrong.code).not.toBe(0);
    expect(wrong.stderr).toMatch(/Olympus is not a time zone/);
    const opened = JSON.parse(
      (await cli(['requests', 'open', '--type', 'access', '--jurisdiction', 'quebec', '--requester', 'Léa Roy', '--json'], asAdmin(dir))).stdout,
    );
    expect(JSON.parse((await cli(['requests', 'show', String(opened.id), '--json'], asAdmin(dir))).stdout)).toMatchObject({ timeZone: 'America/Toronto' });
  });

  it('refuses bad input with clear reasons', async () => {
    const { dir } = await vaultWithZoe();
    const future = await cli(
      ['requests', 'open', '--type', 'access', '--jurisdiction', 'quebec', '--requester', 'Zoé', '--received', '2999-01-01'],
      asAdmin(dir),
    );
    expect(future).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/2999-01-01 is in the future: a request is recorded once received \(INVALID_INPUT\)/),
    });
    expect((await cli(['requests', 'open', '--type', 'gossip', '--jurisdiction', 'quebec', '--requester', 'Zoé'], asAdmin(dir))).stderr).toMatch(
      /Allowed choices are access, portability/,
    );
    expect(
      (await cli(['requests', 'open', '--type', 'access', '--jurisdiction', 'quebec', '--requester', 'Zoé', '--received', '31/01/2026'], asAdmin(dir))).stderr,
    ).toMatch(/expected a date written YYYY-MM-DD/);
    await cli(['requests', 'open', '--type', 'access', '--jurisdiction', 'quebec', '--requester', 'Zoé'], asAdmin(dir));
    await cli(['requests', 'open', '--type', 'access', '--jurisdiction', 'california', '--requester', 'Zoé'], asAdmin(dir));

    expect((await cli(['requests', 'verify', '1', '--profile', '999', '--method', 'call', '--identifiers', 'email'], asAdmin(dir))).stderr).toMatch(
      /there is no profile 999 \(NOT_FOUND\)/,
    );
    expect((await cli(['requests', 'verify', '1', '--method', 'call', '--identifiers', 'shoe size'], asAdmin(dir))).stderr).toMatch(
      /expected identifiers among name, email/,
    );
    expect((await cli(['requests', 'extend', '1', '--reason', 'complex'], asAdmin(dir))).stderr).toMatch(/allows no extension \(CONFLICT\)/);
    expect((await cli(['requests', 'extend', '2', '--reason', 'complex'], asAdmin(dir))).stdout).toMatch(/^Request 2 extended to \d{4}-\d{2}-\d{2}\.\n$/);
    expect((await cli(['requests', 'extend', '2', '--reason', 'again'], asAdmin(dir))).stderr).toMatch(
      /was already extended: the law allows one extension \(CONFLICT\)/,
    );
    expect((await cli(['requests', 'close', '1', '--outcome', 'fulfilled'], asAdmin(dir))).stderr).toMatch(
      /is not verified: it cannot have been fulfilled \(CONFLICT\)/,
    );
    expect((await cli(['requests', 'close', '1', '--outcome', 'withdrawn'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['requests', 'close', '1', '--outcome', 'withdrawn'], asAdmin(dir))).stderr).toMatch(/request 1 is already closed \(CONFLICT\)/);
    expect((await cli(['requests', 'show', '42'], asAdmin(dir))).stderr).toMatch(/there is no request 42 \(NOT_FOUND\)/);
  });

  it('lets an auditor read the register without the requester’s name, and change nothing', async () => {
    const { dir } = await vaultWithZoe();
    await cli(['requests', 'open', '--type', 'access', '--jurisdiction', 'quebec', '--requester', 'Zoé Martin', '--contact', 'zoe@exemple.fr'], asAdmin(dir));
    await cli(['users', 'add', AUDITOR.name, '--role', 'auditor'], { ...asAdmin(dir), CUSTODIA_NEW_PASSPHRASE: AUDITOR.passphrase });
    const list = await cli(['requests', 'list'], asAuditor(dir));
    expect(list.stdout).toMatch(/\n1\s+access\s+quebec\s+\(hidden\)\s+/);
    expect((await cli(['requests', 'show', '1', '--json'], asAuditor(dir))).stdout).not.toMatch(/Zoé|zoe@/);
    expect((await cli(['requests', 'close', '1', '--outcome', 'withdrawn'], asAuditor(dir))).stderr).toMatch(/FORBIDDEN/);
  });
});
