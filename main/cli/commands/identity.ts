/**
 * `custodia identity resolve|link|review|decide|conflicts` and `custodia profiles merge|split|undo-merge|why|golden`:
 * who is who, from a terminal. Pairs and decisions name source records by their number (printed by
 * `identity review` and `profiles why`); merges name profiles.
 */
import type { Command } from 'commander';
import { GOLDEN_FIELDS, GoldenFieldName, SURVIVORSHIP_RULES, SurvivorshipRuleName, type Evidence, type FieldRule, type ReviewPair } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { usageError } from '../errors';
import { table } from '../output';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';
import { parseId } from '../value-options';

/** `field=rule[:source,source]`, sources by name as `identity.survivorship` lists them. */
function parseRule(entry: string, sources: ReadonlyArray<{ id: number; name: string }>): [GoldenFieldName, FieldRule] {
  const match = /^([^=]+)=([^:]+)(?::(.*))?$/.exec(entry.trim());
  const field = GoldenFieldName.safeParse(match?.[1]?.trim());
  const rule = SurvivorshipRuleName.safeParse(match?.[2]?.trim());
  if (!match || !field.success || !rule.success)
    throw usageError(`--set ${entry}: expected FIELD=RULE, a field among ${GOLDEN_FIELDS.join(', ')} and a rule among ${SURVIVORSHIP_RULES.join(', ')}`);
  const names = (match[3] ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const ids = names.map((name) => {
    const source = sources.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
    if (source === undefined) throw usageError(`--set ${entry}: there is no source named ${name}`);
    return source.id;
  });
  return [field.data, { rule: rule.data, sources: ids }];
}

const bits = (value: number): string => `${value >= 0 ? '+' : ''}${value.toFixed(1)}`;

function evidenceLine(evidence: Evidence): string {
  const parts = evidence.contributions.filter((item) => item.level !== null).map((item) => `${item.comparison} ${item.level} ${bits(item.weight)}`);
  return `${bits(evidence.logOdds)} bits (${Math.round(evidence.probability * 100)} %)${evidence.vetoed ? ', vetoed' : ''}: ${parts.join(', ')}`;
}

function side(record: ReviewPair['a']): string {
  const name = [record.givenName, record.familyName].filter(Boolean).join(' ') || record.fullName || '(no name)';
  return `#${record.recordId} ${record.source}/${record.externalId} ${name}${record.birthDate ? ` ${record.birthDate}` : ''}${record.city ? `, ${record.city}` : ''}`;
}

export function registerIdentityCommands(program: Command, action: ActionFactory): void {
  const identity = program.command('identity').description('resolve who is who: one profile per person (administrators, stewards)');
  addCommonOptions(identity.command('resolve').description('link every source record into profiles; ids stay stable, merged ids redirect'))
    .option('--dry-run', 'count what a resolution would change, and write nothing')
    .action(
      action<{ dryRun?: boolean }>(({ options, io, out }) =>
        withSession(options, io, async (session) => {
          const summary = await runJobWithProgress(session, out, 'identity.resolve', { dryRun: options.dryRun === true });
          out.result(summary, () => [
            `${summary.dryRun ? 'Dry run: would give' : 'Resolved:'} ${summary.profilesAfter} profiles for ${summary.records} records (${summary.profilesBefore} before), ${summary.moved} records ${summary.dryRun ? 'would move' : 'moved'}.`,
            `${summary.candidatePairs} candidate pairs compared; ${summary.reviewPairs} pairs for review; ${summary.conflicts} contradicting decisions.`,
            `Time (ms): ${Object.entries(summary.timingsMs)
              .map(([phase, ms]) => `${phase} ${ms.toFixed(0)}`)
              .join(', ')}`,
          ]);
        }),
      ),
    );
  addCommonOptions(
    identity.command('link').description('link records imported or changed since the last link to the people already known (imports do this themselves)'),
  ).action(
    action(({ options, io, out }) =>
      withSession(options, io, async (session) => {
        const summary = await runJobWithProgress(session, out, 'identity.link', {});
        out.result(summary, () =>
          summary.pending === 0
            ? ['Nothing to link: every record is linked (or no resolution has run yet).']
            : [
                `Linked ${summary.compared} new or changed records (${summary.pending} indexed): ${summary.joined} joined a known person; ${summary.reviewPairs} pairs for review.`,
                `People: ${summary.profilesBefore} before, ${summary.profilesAfter} now. ${summary.candidatePairs} candidate pairs compared.`,
                `Time (ms): ${Object.entries(summary.timingsMs)
                  .map(([phase, ms]) => `${phase} ${ms.toFixed(0)}`)
                  .join(', ')}`,
              ],
        );
      }),
    ),
  );
  addCommonOptions(identity.command('settings').description('the match and review thresholds (log2-odds); --match/--review change them (administrators)'))
    .option('--match <bits>', 'merge on its own above this', parseFloat)
    .option('--review <bits>', 'send to review from here up to the match threshold', parseFloat)
    .action(
      action<{ match?: number; review?: number }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          let { settings } = unwrap(await backend.call('identity.settings'));
          if (options.match !== undefined || options.review !== undefined) {
            settings = unwrap(
              await backend.call('identity.saveSettings', {
                settings: {
                  ...settings,
                  ...(options.match === undefined ? {} : { matchThreshold: options.match }),
                  ...(options.review === undefined ? {} : { reviewThreshold: options.review }),
                },
              }),
            );
          }
          out.result(settings, () => [
            `Match above ${bits(settings.matchThreshold)} bits, review from ${bits(settings.reviewThreshold)} bits.`,
            `Comparisons: ${settings.comparisons.join(', ')}`,
            `Blocking keys: ${settings.blocking.join(', ')}`,
          ]);
        }),
      ),
    );
  addCommonOptions(identity.command('survivorship').description('the golden record’s rule for each field; --set changes one (administrators)'))
    .option(
      '--set <field=rule[:source,source]>',
      `e.g. city=sourcePriority:CRM,Web shop (rules: ${SURVIVORSHIP_RULES.join(', ')}); repeatable`,
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .action(
      action<{ set: string[] }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const current = unwrap(await backend.call('identity.survivorship'));
          const { sources } = current;
          let { rules } = current;
          if (options.set.length > 0) {
            const changes = Object.fromEntries(options.set.map((entry) => parseRule(entry, sources)));
            ({ rules } = unwrap(await backend.call('identity.saveSurvivorship', { rules: changes })));
          }
          const sourceName = (id: number): string => sources.find((source) => source.id === id)?.name ?? `#${id}`;
          out.result(rules, () =>
            table([
              ['FIELD', 'RULE', 'SOURCES'],
              ...Object.entries(rules).map(([field, rule]) => [
                field,
                rule.rule,
                rule.rule === 'sourcePriority' ? rule.sources.map(sourceName).join(' > ') : '-',
              ]),
            ]),
          );
        }),
      ),
    );
  addCommonOptions(identity.command('review').description('the pairs waiting for a steward, most doubtful first, with the evidence'))
    .option('--limit <n>', 'how many pairs (1–200)', (value) => Math.min(200, Math.max(1, Number(value) || 20)), 20)
    .action(
      action<{ limit: number }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const queue = unwrap(await backend.call('identity.review', { limit: options.limit }));
          out.result(queue, () =>
            queue.pairs.length === 0
              ? ['No pair is waiting for review.']
              : [
                  `${queue.total} pairs waiting; decide with: custodia identity decide A B --same|--different`,
                  ...queue.pairs.flatMap((pair) => ['', `  ${side(pair.a)}`, `  ${side(pair.b)}`, `  ${evidenceLine(pair.evidence)}`]),
                ],
          );
        }),
      ),
    );
  addCommonOptions(identity.command('decide').description('say whether two source records are the same person; later resolutions respect it'))
    .argument('<a>', 'a source record number', parseId('record'))
    .argument('<b>', 'another source record number', parseId('record'))
    .option('--same', 'the same person: their profiles merge')
    .option('--different', 'different people: never merged, split now if together')
    .option('--skip', 'decide later: the pair goes to the back of the queue')
    .action(
      action<{ same?: boolean; different?: boolean; skip?: boolean }>(({ args, options, io, out }) => {
        const chosen = (['same', 'different', 'skip'] as const).filter((key) => options[key] === true);
        if (chosen.length !== 1) throw usageError('give exactly one of --same, --different, --skip');
        return withSession(options, io, async ({ backend }) => {
          const decided = unwrap(await backend.call('identity.decide', { recordA: args[0], recordB: args[1], decision: chosen[0] }));
          out.result(decided, () => [
            decided.profileA === decided.profileB
              ? `Records ${String(args[0])} and ${String(args[1])} are now profile ${decided.profileA}.`
              : `Records ${String(args[0])} and ${String(args[1])} are in profiles ${decided.profileA} and ${decided.profileB}.`,
            ...(decided.conflicts > 0 ? [`${decided.conflicts} sets of decisions contradict each other: see custodia identity conflicts.`] : []),
          ]);
        });
      }),
    );
  addCommonOptions(identity.command('conflicts').description('decisions that contradict each other (A = B, B = C, A ≠ C), left for a steward')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const { conflicts } = unwrap(await backend.call('identity.conflicts'));
        out.result(conflicts, () =>
          conflicts.length === 0
            ? ['No contradicting decisions.']
            : conflicts.map(
                (conflict) =>
                  `records ${conflict.records.join(', ')} are linked as one person, yet ${conflict.cannotLinks.map(([a, b]) => `${a} ≠ ${b}`).join(', ')}`,
              ),
        );
      }),
    ),
  );

  const profiles = program.commands.find((command) => command.name() === 'profiles') ?? program.command('profiles');
  addCommonOptions(profiles.command('merge').description('merge two people by hand: the older profile keeps its id, the other redirects to it'))
    .argument('<a>', 'a profile number', parseId('profile'))
    .argument('<b>', 'another profile number', parseId('profile'))
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const merged = unwrap(await backend.call('identity.merge', { profileA: args[0], profileB: args[1] }));
          out.result(merged, () => [
            `Profile ${merged.absorbedId} merged into ${merged.survivorId} (${merged.records} records moved; undo with custodia profiles undo-merge ${merged.mergeId}).`,
          ]);
        }),
      ),
    );
  addCommonOptions(profiles.command('split').description('take a source record out of its profile into a profile of its own, for good'))
    .argument('<record>', 'the source record number (see custodia profiles why)', parseId('record'))
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const split = unwrap(await backend.call('identity.split', { recordId: args[0] }));
          out.result(split, () => [`Record ${String(args[0])} left profile ${split.fromProfileId}: it is now profile ${split.newProfileId}.`]);
        }),
      ),
    );
  addCommonOptions(profiles.command('undo-merge').description('move a merge’s records back to the profile they came from'))
    .argument('<merge>', 'the merge number (see custodia profiles why)', parseId('merge'))
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const undone = unwrap(await backend.call('identity.undoMerge', { mergeId: args[0] }));
          out.result(undone, () => [`Profile ${undone.restoredId} is back with its ${undone.records} records; profile ${undone.survivorId} keeps the rest.`]);
        }),
      ),
    );
  addCommonOptions(
    profiles.command('golden').description('the golden record: each field’s value, the source it came from and the survivorship rule that chose it'),
  )
    .argument('<profile>', 'a profile number', parseId('profile'))
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          // Opening a person from the terminal is recorded as in the app (profile.viewed); the details are read-only beside it.
          unwrap(await backend.call('profiles.get', { id: args[0] }));
          const golden = unwrap(await backend.call('identity.golden', { profileId: args[0] }));
          out.result(golden, () => [
            `Profile ${golden.profileId}${golden.redirectedFrom === null ? '' : ` (profile ${golden.redirectedFrom} was merged into it)`}: ${golden.displayName}`,
            ...table([
              ['FIELD', 'VALUE', 'SOURCE', 'RECORD', 'RULE', 'OTHER VALUES'],
              ...golden.fields.map((field) => [
                field.field,
                field.value ?? '-',
                field.source ?? '-',
                field.recordId === null ? '-' : String(field.recordId),
                field.rule,
                String(field.alternatives),
              ]),
            ]),
          ]);
        }),
      ),
    );
  addCommonOptions(profiles.command('why').description('why each source record belongs to a profile, and the merges that can be undone'))
    .argument('<profile>', 'a profile number', parseId('profile'))
    .action(
      action(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          unwrap(await backend.call('profiles.get', { id: args[0] }));
          const explained = unwrap(await backend.call('identity.explain', { profileId: args[0] }));
          out.result(explained, () => [
            `Profile ${explained.profileId}:`,
            ...table([
              ['RECORD', 'SOURCE', 'KEY', 'JOINED BY', 'CLOSEST', 'EVIDENCE'],
              ...explained.members.map((member) => [
                String(member.record.recordId),
                member.record.source,
                member.record.externalId,
                member.how,
                member.closest === null ? '-' : String(member.closest.recordId),
                member.closest === null ? '-' : evidenceLine(member.closest.evidence),
              ]),
            ]),
            ...(explained.merges.length === 0
              ? []
              : [
                  '',
                  ...table([
                    ['MERGE', 'FROM', 'HOW', 'WHEN', 'RECORDS', 'UNDONE'],
                    ...explained.merges.map((merge) => [
                      String(merge.id),
                      String(merge.absorbedId),
                      merge.how,
                      merge.mergedAt,
                      String(merge.records),
                      merge.undoneAt ?? '-',
                    ]),
                  ]),
                ]),
          ]);
        }),
      ),
    );
}
