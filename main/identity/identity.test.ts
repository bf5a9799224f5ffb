import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Backend } from '../backend/backend';
import { runJob, unwrap } from '../backend/run-job';
import { ADMIN, createVault, ok, openBackend, tempDir } from '../test-support/temp-vault';
import { testPeople, writeTestSources } from './test-people';

/** Matching needs more than a name with a typo here, so the two name-only customers wait for review. */
const STRICT = { matchThreshold: 5, reviewThreshold: -2 };

async function twoSources(): Promise<{ backend: Backend; dir: string; files: ReturnType<typeof writeTestSources> }> {
  const { backend, dir } = await createVault();
  const files = writeTestSources(tempDir());
  unwrap(await runJob(backend, 'import.file', { file: files.crm, source: 'CRM' }));
  unwrap(await runJob(backend, 'import.file', { file: files.shop, source: 'Web shop' }));
  const { settings } = await ok(backend, 'identity.settings');
  await ok(backend, 'identity.saveSettings', { settings: { ...settings, ...STRICT } });
  return { backend, dir, files };
}

function raw(backend: Backend) {
  return backend.vaults.current().db.raw;
}

/** Profile of the record with this key in this source. */
function profileOf(backend: Backend, source: string, key: string): number {
  const row = raw(backend)
    .prepare(
      'SELECT m.profile_id AS id FROM profile_member m JOIN source_record r ON r.id = m.source_record_id JOIN source s ON s.id = r.source_id WHERE s.name = ? AND r.external_id = ?',
    )
    .get(source, key) as { id: number } | undefined;
  if (row === undefined) throw new Error(`no record ${source}/${key}`);
  return row.id;
}

function recordId(backend: Backend, source: string, key: string): number {
  return (
    raw(backend).prepare('SELECT r.id FROM source_record r JOIN source s ON s.id = r.source_id WHERE s.name = ? AND r.external_id = ?').get(source, key) as {
      id: number;
    }
  ).id;
}

describe('identity resolution in the vault', () => {
  it('merges each returning customer into the older profile, keeps household members apart, and redirects the merged ids', async () => {
    const { backend } = await twoSources();
    const shopProfiles = Array.from({ length: 20 }, (_, n) => profileOf(backend, 'Web shop', `W${900 + n}`));
    const before = (await ok(backend, 'profiles.count')).profiles;
    expect(before).toBe(60 + 5 + 20 + 2);

    const dry = unwrap(await runJob(backend, 'identity.resolve', { dryRun: true }));
    expect(dry).toMatchObject({ dryRun: true, runId: null, profilesBefore: before, profilesAfter: before - 20, moved: 20, reviewPairs: 2 });
    expect((await ok(backend, 'profiles.count')).profiles).toBe(before);

    const summary = unwrap(await runJob(backend, 'identity.resolve', {}));
    expect(summary).toMatchObject({ dryRun: false, records: 87, profilesBefore: 87, profilesAfter: 67, moved: 20, reviewPairs: 2, conflicts: 0 });
    expect((await ok(backend, 'profiles.count')).profiles).toBe(67);
    for (let n = 0; n < 20; n += 1) {
      // The CRM's profile is older: it survives, the shop's id now leads to it.
      const crm = profileOf(backend, 'CRM', `C${n + 1}`);
      expect(profileOf(backend, 'Web shop', `W${900 + n}`)).toBe(crm);
      const redirected = await ok(backend, 'profiles.get', { id: shopProfiles[n] });
      expect(redirected).toMatchObject({ id: crm, redirectedFrom: shopProfiles[n] });
      expect(redirected.records.map((record) => record.source).sort()).toEqual(['CRM', 'Web shop']);
    }
    for (const person of testPeople().slice(40, 45)) expect(profileOf(backend, 'CRM', `H${person.id}`)).not.toBe(profileOf(backend, 'CRM', `C${person.id}`));

    // People are people: the list and search show one profile per person.
    const tremblay = testPeople()[0]!;
    const hits = (await ok(backend, 'profiles.search', { query: `${tremblay.given} ${tremblay.family}` })).hits;
    expect(hits.filter((hit) => hit.sources.includes('Web shop'))).toHaveLength(1);
    expect(hits[0]!.sources.sort()).toEqual(['CRM', 'Web shop']);
    expect((await ok(backend, 'profiles.list', { limit: 500 })).profiles).toHaveLength(67);

    // A second run finds nothing new to do and keeps every id.
    const again = unwrap(await runJob(backend, 'identity.resolve', {}));
    expect(again).toMatchObject({ moved: 0, profilesAfter: 67 });
    const audit = await ok(backend, 'audit.list', { filter: { action: 'identity.resolved' } });
    expect(audit.entries).toHaveLength(2);
    expect(JSON.stringify(audit.entries)).not.toMatch(/Tremblay|exemple\.ca/i);
  });

  it('explains each member with the evidence of its closest record, in weights that add up to the score', async () => {
    const { backend } = await twoSources();
    unwrap(await runJob(backend, 'identity.resolve', {}));
    const explained = await ok(backend, 'identity.explain', { profileId: profileOf(backend, 'CRM', 'C1') });
    expect(explained.members).toHaveLength(2);
    const evidence = explained.members[0]!.closest!.evidence;
    expect(evidence.logOdds).toBeGreaterThan(STRICT.matchThreshold);
    const sum = evidence.prior + evidence.contributions.reduce((total, contribution) => total + contribution.weight, 0);
    expect(sum).toBeCloseTo(evidence.logOdds, 6);
    expect(evidence.contributions.find((contribution) => contribution.comparison === 'birthDate')).toMatchObject({ level: 'exact' });
    expect(explained.merges).toEqual([expect.objectContaining({ how: 'rule', records: 1, undoneAt: null })]);
  });

  it('suggests, for a chosen person, the profiles waiting in the review queue with them (a request’s verification)', async () => {
    const { backend } = await twoSources();
    unwrap(await runJob(backend, 'identity.resolve', {}));
    const [pair] = (await ok(backend, 'identity.review', { limit: 1 })).pairs;
    const { suggestions } = await ok(backend, 'identity.suggest', { profileIds: [pair!.a.profileId] });
    expect(suggestions.map((entry) => entry.profileId)).toEqual([pair!.b.profileId]);
    expect(suggestions[0]!.logOdds).toBeCloseTo(pair!.evidence.logOdds, 6);
    // Both chosen: nothing left to suggest between them.
    expect(
      (await ok(backend, 'identity.suggest', { profileIds: [pair!.a.profileId, pair!.b.profileId] })).suggestions.map((entry) => entry.profileId),
    ).not.toContain(pair!.b.profileId);
    await ok(backend, 'identity.decide', { recordA: pair!.a.recordId, recordB: pair!.b.recordId, decision: 'different' });
    expect((await ok(backend, 'identity.suggest', { profileIds: [pair!.a.profileId] })).suggestions).toEqual([]);
  });

  it('takes a steward through review: accept merges, undo restores both profiles with their own records, and later runs respect it', async () => {
    const { backend } = await twoSources();
    unwrap(await runJob(backend, 'identity.resolve', {}));
    const queue = await ok(backend, 'identity.review', { limit: 10 });
    expect(queue.total).toBe(2);
    const [first] = queue.pairs;
    expect(first!.a.source).toBe('CRM');
    expect(first!.b.source).toBe('Web shop');
    expect(first!.evidence.logOdds).toBeLessThan(STRICT.matchThreshold);
    // Name and city agree; nothing else is known of the shop's customer.
    expect(
      first!.evidence.contributions
        .filter((contribution) => contribution.level !== null)
        .map((contribution) => contribution.comparison)
        .sort(),
    ).toEqual(['city', 'family', 'given']);

    const decided = await ok(backend, 'identity.decide', { recordA: first!.a.recordId, recordB: first!.b.recordId, decision: 'same' });
    expect(decided.profileA).toBe(decided.profileB);
    expect(decided.profileA).toBe(first!.a.profileId);
    expect((await ok(backend, 'identity.review', {})).total).toBe(1);
    const merged = await ok(backend, 'profiles.get', { id: decided.profileA! });
    expect(merged.records.map((record) => record.source).sort()).toEqual(['CRM', 'Web shop']);

    // A later import brings a third record of the CRM customer's own; undo still separates exactly the merge.
    const crmKey = merged.records.find((record) => record.source === 'CRM')!.externalId;
    const extra = path.join(tempDir(), 'till.csv');
    fs.writeFileSync(extra, `card,first_name,last_name,email\nT1,Someone,Else,someone.else@exemple.ca\n`);
    unwrap(await runJob(backend, 'import.file', { file: extra, source: 'Till' }));
    const [entry] = (await ok(backend, 'identity.explain', { profileId: decided.profileA! })).merges;
    const undone = await ok(backend, 'identity.undoMerge', { mergeId: entry!.id });
    expect(undone).toMatchObject({ survivorId: decided.profileA, restoredId: first!.b.profileId, records: 1 });
    expect((await ok(backend, 'profiles.get', { id: decided.profileA! })).records.map((record) => record.externalId)).toEqual([crmKey]);
    expect((await ok(backend, 'profiles.get', { id: first!.b.profileId! })).records.map((record) => record.externalId)).toEqual([first!.b.externalId]);
    expect((await ok(backend, 'profiles.get', { id: first!.b.profileId! })).redirectedFrom).toBeNull();

    // Undo leaves a cannot-link: the next run keeps them apart even with no threshold at all.
    const { settings } = await ok(backend, 'identity.settings');
    await ok(backend, 'identity.saveSettings', { settings: { ...settings, matchThreshold: -10, reviewThreshold: -20 } });
    unwrap(await runJob(backend, 'identity.resolve', {}));
    expect(profileOf(backend, 'CRM', crmKey)).not.toBe(profileOf(backend, 'Web shop', first!.b.externalId));
    const actions = (await ok(backend, 'audit.list', {})).entries.map((item) => item.action);
    expect(actions).toEqual(expect.arrayContaining(['identity.decided', 'profiles.unmerged', 'identity.settings_changed']));
  });

  it('splits a record out for good, merges by hand, and shows contradicting decisions instead of resolving them', async () => {
    const { backend } = await twoSources();
    unwrap(await runJob(backend, 'identity.resolve', {}));
    const crm = recordId(backend, 'CRM', 'C2');
    const shop = recordId(backend, 'Web shop', 'W901');
    const together = profileOf(backend, 'CRM', 'C2');
    expect(profileOf(backend, 'Web shop', 'W901')).toBe(together);
    const split = await ok(backend, 'identity.split', { recordId: shop });
    expect(split.fromProfileId).toBe(together);
    expect(profileOf(backend, 'Web shop', 'W901')).toBe(split.newProfileId);
    unwrap(await runJob(backend, 'identity.resolve', {}));
    expect(profileOf(backend, 'Web shop', 'W901')).not.toBe(profileOf(backend, 'CRM', 'C2'));

    // A hand merge of two unrelated customers: the older id survives.
    const a = profileOf(backend, 'CRM', 'C30');
    const b = profileOf(backend, 'CRM', 'C31');
    const merged = await ok(backend, 'identity.merge', { profileA: b, profileB: a });
    expect(merged).toMatchObject({ survivorId: Math.min(a, b), absorbedId: Math.max(a, b), records: 1 });
    // Merging what was declared different is refused with the reason.
    const refused = await backend.call('identity.merge', { profileA: together, profileB: split.newProfileId });
    expect(refused).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // C30 = C31 (hand merge), C31 = C32, yet C30 ≠ C32: shown, not settled.
    const c30 = recordId(backend, 'CRM', 'C30');
    const c31 = recordId(backend, 'CRM', 'C31');
    const c32 = recordId(backend, 'CRM', 'C32');
    await ok(backend, 'identity.decide', { recordA: c30, recordB: c32, decision: 'different' });
    const contradiction = await ok(backend, 'identity.decide', { recordA: c31, recordB: c32, decision: 'same' });
    expect(contradiction.conflicts).toBe(1);
    expect(contradiction.profileB).not.toBe(contradiction.profileA);
    const { conflicts } = await ok(backend, 'identity.conflicts');
    expect(conflicts).toEqual([{ records: [c30, c31, c32].sort((x, y) => x - y), cannotLinks: [[Math.min(c30, c32), Math.max(c30, c32)]] }]);
    expect((await ok(backend, 'identity.status')).conflicts).toBe(1);
    expect(crm).toBeGreaterThan(0);
  });

  it('keeps every event and consent of a record through merges, and an import undo keeps the merged profile of the rest', async () => {
    const { backend } = await twoSources();
    const sale = path.join(tempDir(), 'sales.csv');
    const person = testPeople()[3]!;
    fs.writeFileSync(
      sale,
      `member number,first_name,last_name,email,sale date,amount,transaction\nS1,${person.given},${person.family},${person.email},2026-03-01,12.50,TX1\nS1,${person.given},${person.family},${person.email},2026-04-01,8.00,TX2\n`,
    );
    const run = unwrap(await runJob(backend, 'import.file', { file: sale, source: 'Till' }));
    unwrap(await runJob(backend, 'identity.resolve', {}));
    const profile = await ok(backend, 'profiles.get', { id: profileOf(backend, 'Till', 'S1') });
    expect(profile.records.map((record) => record.source).sort()).toEqual(['CRM', 'Till', 'Web shop']);
    expect(profile.eventCount).toBe(2);
    unwrap(await runJob(backend, 'import.undo', { runId: run.id }));
    const after = await ok(backend, 'profiles.get', { id: profile.id });
    expect(after.records.map((record) => record.source).sort()).toEqual(['CRM', 'Web shop']);
    expect(after.eventCount).toBe(0);
  });

  it('counts records with nothing to compare on and leaves each a person of its own', async () => {
    const { backend } = await twoSources();
    const bare = path.join(tempDir(), 'bare.csv');
    // A loyalty card known by its number and the store's city alone: kept (never lose a person), never matched.
    fs.writeFileSync(bare, 'card,city\nK1,Laval\nK2,Laval\nK3,Laval\n');
    unwrap(await runJob(backend, 'import.file', { file: bare, source: 'Cards' }));
    const summary = unwrap(await runJob(backend, 'identity.resolve', {}));
    expect(summary.unusable).toBe(3);
    const cards = ['K1', 'K2', 'K3'].map((key) => profileOf(backend, 'Cards', key));
    expect(new Set(cards).size).toBe(3);
    for (const card of cards) expect((await ok(backend, 'profiles.get', { id: card })).records).toHaveLength(1);
  });

  it('leaves the previous clustering intact when a resolution is cancelled', async () => {
    const { backend } = await twoSources();
    const before = (await ok(backend, 'profiles.count')).profiles;
    let jobId: string | null = null;
    const finished = new Promise<string>((resolve) => {
      backend.onEvent((event) => {
        if (event.type === 'job.progress' && event.jobId === jobId) void backend.call('jobs.cancel', { jobId });
        if (event.type === 'job.finished' && event.jobId === jobId) resolve(event.status);
      });
    });
    const started = await ok(backend, 'identity.resolve', {});
    jobId = (started as { jobId: string }).jobId;
    expect(await finished).toBe('cancelled');
    expect((await ok(backend, 'profiles.count')).profiles).toBe(before);
    expect(raw(backend).prepare('SELECT count(*) AS n FROM identity_run').get()).toEqual({ n: 0 });
  });

  it('leaves the previous clustering intact when the process is killed mid-resolution', async () => {
    const { backend, dir } = await twoSources();
    unwrap(await runJob(backend, 'identity.resolve', {}));
    const membership = (db: ReturnType<typeof raw>) => db.prepare('SELECT source_record_id, profile_id FROM profile_member ORDER BY 1').all();
    const clustering = membership(raw(backend));
    // Undo one merge so the next resolution would have something to write.
    const [entry] = (await ok(backend, 'identity.explain', { profileId: profileOf(backend, 'CRM', 'C5') })).merges;
    raw(backend).prepare('DELETE FROM identity_decision').run();
    await ok(backend, 'identity.undoMerge', { mergeId: entry!.id });
    raw(backend).prepare('DELETE FROM identity_decision').run();
    const beforeKill = membership(raw(backend));
    expect(beforeKill).not.toEqual(clustering);
    await ok(backend, 'vault.lock');
    await new Promise<void>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, '..', 'test-support', 'resolve-child.ts'), dir, ADMIN.name, ADMIN.passphrase],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child.stdout.on('data', (chunk) => {
        if (/training|scoring|clustering/.test(String(chunk))) child.kill('SIGKILL');
      });
      child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve() : reject(new Error('the resolution finished before it could be killed'))));
    });
    const reopened = openBackend(dir);
    await ok(reopened, 'vault.unlock', { userName: ADMIN.name, passphrase: ADMIN.passphrase });
    expect(membership(reopened.vaults.current().db.raw)).toEqual(beforeKill);
    expect(reopened.vaults.current().db.raw.prepare('SELECT count(*) AS n FROM identity_run').get()).toEqual({ n: 1 });
  });
});
