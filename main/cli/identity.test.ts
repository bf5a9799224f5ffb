import { describe, expect, it } from 'vitest';
import { asAdmin, cli, initVault } from '../test-support/cli';
import { tempDir } from '../test-support/temp-vault';
import { writeTestSources } from '../identity/test-people';

describe('custodia identity and profiles merge/split/undo-merge', () => {
  it('resolves, reviews, decides, explains, splits, merges and undoes from the terminal', async () => {
    const dir = await initVault();
    const files = writeTestSources(tempDir());
    expect((await cli(['import', files.crm, '--source', 'CRM', '--country', 'CA'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['import', files.shop, '--source', 'Web shop', '--country', 'CA'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['identity', 'settings', '--match', '5', '--review', '-2'], asAdmin(dir))).stdout).toMatch(
      /Match above \+5\.0 bits, review from -2\.0 bits/,
    );

    const dry = JSON.parse((await cli(['identity', 'resolve', '--dry-run', '--json'], asAdmin(dir))).stdout);
    expect(dry).toMatchObject({ dryRun: true, profilesBefore: 87, profilesAfter: 67, reviewPairs: 2 });
    const resolved = await cli(['identity', 'resolve'], asAdmin(dir));
    expect(resolved.stdout).toMatch(/Resolved: 67 profiles for 87 records \(87 before\), 20 records moved\./);
    expect(JSON.parse((await cli(['profiles', 'count', '--json'], asAdmin(dir))).stdout)).toEqual({ profiles: 67 });

    const review = JSON.parse((await cli(['identity', 'review', '--json'], asAdmin(dir))).stdout);
    expect(review.total).toBe(2);
    const [pair] = review.pairs;
    expect((await cli(['identity', 'review'], asAdmin(dir))).stdout).toMatch(
      /2 pairs waiting[\s\S]*#\d+ CRM\/C\d+[\s\S]*#\d+ Web shop\/W\d+[\s\S]*family exact/,
    );
    expect((await cli(['identity', 'decide', String(pair.a.recordId), String(pair.b.recordId)], asAdmin(dir))).code).toBe(2);
    const decided = await cli(['identity', 'decide', String(pair.a.recordId), String(pair.b.recordId), '--same'], asAdmin(dir));
    expect(decided.stdout).toMatch(new RegExp(`are now profile ${pair.a.profileId}\\.`));

    const why = JSON.parse((await cli(['profiles', 'why', String(pair.a.profileId), '--json'], asAdmin(dir))).stdout);
    expect(why.members).toHaveLength(2);
    const merge = why.merges[0].id;
    expect((await cli(['profiles', 'why', String(pair.a.profileId)], asAdmin(dir))).stdout).toMatch(/RECORD\s+SOURCE\s+KEY\s+JOINED BY/);
    // Looking a person up from the terminal is an opening like any other.
    const viewed = JSON.parse((await cli(['audit', 'list', '--action', 'profile.viewed', '--json'], asAdmin(dir))).stdout);
    expect(viewed.entries.map((entry: { objectId: string }) => entry.objectId)).toContain(String(pair.a.profileId));
    expect((await cli(['profiles', 'undo-merge', String(merge)], asAdmin(dir))).stdout).toMatch(
      new RegExp(`Profile ${pair.b.profileId} is back with its 1 records`),
    );
    expect((await cli(['profiles', 'undo-merge', String(merge)], asAdmin(dir))).stderr).toMatch(/already undone/);

    const hand = await cli(['profiles', 'merge', String(pair.a.profileId), String(pair.b.profileId)], asAdmin(dir));
    expect(hand.code).toBe(1);
    expect(hand.stderr).toMatch(/decided to be different people/);
    const split = await cli(['profiles', 'split', String(pair.b.recordId)], asAdmin(dir));
    expect(split.stderr).toMatch(/already a profile of its own/);
    expect((await cli(['identity', 'conflicts'], asAdmin(dir))).stdout).toMatch(/No contradicting decisions\./);

    const exported = await cli(['profiles', 'export', '--out', `${tempDir()}/membership.csv`], asAdmin(dir));
    expect(exported.stdout).toMatch(/Wrote 87 source records/);
  });

  it('links an import to the people already resolved, and says when there is nothing to link', async () => {
    const dir = await initVault();
    const files = writeTestSources(tempDir());
    expect((await cli(['import', files.crm, '--source', 'CRM', '--country', 'CA'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['identity', 'settings', '--match', '5', '--review', '-2'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['identity', 'resolve'], asAdmin(dir))).code).toBe(0);
    expect((await cli(['import', files.shop, '--source', 'Web shop', '--country', 'CA'], asAdmin(dir))).code).toBe(0);
    // The import linked its records itself.
    expect(JSON.parse((await cli(['profiles', 'count', '--json'], asAdmin(dir))).stdout)).toEqual({ profiles: 67 });
    expect((await cli(['identity', 'link'], asAdmin(dir))).stdout).toMatch(/Nothing to link/);
  });
});
