import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { tempDir } from '../test-support/temp-vault';

const RIGHT = ['id,prénom,nom,courriel,ville', '1,Hélène,Tremblay,helene@exemple.ca,Montréal'].join('\n');
const WRONG = [
  'id,prénom,nom,courriel,ville',
  '7,Ophélie,Quintal,ophelie@ailleurs.ca,Gatineau',
  '8,Gaspard,Vasseur,gaspard@ailleurs.ca,Laval',
  '9,Bad,Row,nope@',
].join('\n');

async function importBoth(): Promise<{ dir: string; wrongRun: number }> {
  const dir = await initVault();
  for (const [name, text] of [
    ['right.csv', RIGHT],
    ['wrong.csv', WRONG],
  ] as const) {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, text);
    expect((await cli(['import', file, '--source', 'Boutique', '--country', 'CA'], asAdmin(dir))).code).toBe(0);
  }
  const [source] = JSON.parse((await cli(['sources', 'list', '--json'], asAdmin(dir))).stdout) as Array<{ lastRun: { id: number } }>;
  return { dir, wrongRun: source!.lastRun.id };
}

describe('custodia import undo', () => {
  it('shows the plan and removes nothing without --yes, then removes what the run added with it', async () => {
    const { dir, wrongRun } = await importBoth();
    const refused = await cli(['import', 'undo', String(wrongRun)], asAdmin(dir));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/Undoing run #\d+ removes 2 records it added .* and its 1 rejected rows\./);
    expect(refused.stderr).toMatch(/nothing was removed: pass --yes to confirm/);
    expect(JSON.parse((await cli(['profiles', 'count', '--json'], asAdmin(dir))).stdout)).toEqual({ profiles: 3 });

    // At a terminal, anything but "yes" is a no.
    const declined = await cli(['import', 'undo', String(wrongRun), '--vault', dir], asAdmin(dir), {
      stdin: Object.assign(Readable.from(['no\n']), { isTTY: true }),
    });
    expect(declined).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/Remove them\? Type yes to confirm: custodia: nothing was removed \(CANCELLED\)/),
    });
    expect(JSON.parse((await cli(['profiles', 'count', '--json'], asAdmin(dir))).stdout)).toEqual({ profiles: 3 });

    const done = await cli(['import', 'undo', `#${wrongRun}`, '--yes', '--json'], asAdmin(dir));
    expect(done.code).toBe(0);
    expect(JSON.parse(done.stdout)).toEqual({ removed: 2, keptChanged: 0, keptLater: 0, rejectsRemoved: 1 });
    expect(JSON.parse((await cli(['profiles', 'count', '--json'], asAdmin(dir))).stdout)).toEqual({ profiles: 1 });
    expect(await cli(['import', 'undo', String(wrongRun), '--yes'], asAdmin(dir))).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/was already removed \(.*\) \(CONFLICT\)/),
    });
    // `import FILE` itself is unchanged by the subcommand.
    const file = path.join(tempDir(), 'again.csv');
    fs.writeFileSync(file, WRONG);
    expect((await cli(['import', file, '--source', 'Boutique', '--vault', dir], asAdmin(dir))).stdout).toMatch(/inserted 2/);
  });
});
