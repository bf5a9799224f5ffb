/**
 * `custodia contact show|record`: a person's communication authorisations per channel and purpose. Refusing
 * is the same command as authorising, with --refuse instead of --authorise; without --purpose a refusal is
 * do-not-contact on the channel, and `--channel all` says it for every channel.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { CONTACT_CHANNELS, RECORDING_METHODS, type ChannelState, type ContactShown } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { usageError } from '../errors';
import { addCommonOptions, withSession } from '../session';

function parseProfile(value: string): number {
  const id = Number(value.replace(/^#/, ''));
  if (!Number.isInteger(id) || id < 1) throw new InvalidArgumentError('expected a profile number.');
  return id;
}

function channelLines(channel: ChannelState): string[] {
  const head = channel.doNotContact
    ? `${channel.channel}: do not contact since ${channel.since ?? '?'}`
    : `${channel.channel}: open${channel.everyPurpose === 'authorised' ? ` (authorised for every purpose since ${channel.since ?? '?'})` : ''}`;
  return [
    head,
    ...channel.purposes
      .filter((cell) => cell.state !== 'none')
      .map((cell) => `  ${cell.purpose}: ${cell.state} since ${cell.since ?? '?'}${cell.answer.allowed ? '' : ` (not allowed: ${cell.answer.reason ?? '?'})`}`),
    ...channel.entries.map(
      (entry) =>
        `  #${entry.id} ${entry.kind} (${entry.purpose ?? 'every purpose'}) at ${entry.at} ${entry.source ?? `by ${entry.recordedBy ?? '?'}`} via ${entry.method}` +
        `${entry.evidence === null ? '' : `, evidence ${entry.evidence}`}`,
    ),
  ];
}

function shownLines(shown: ContactShown): string[] {
  return [
    `Profile ${shown.profileId}${shown.redirectedFrom === null ? '' : ` (merged from ${shown.redirectedFrom})`}`,
    ...shown.channels.flatMap(channelLines),
  ];
}

type RecordOptions = { channel: string; purpose?: string; authorise?: boolean; refuse?: boolean; method: string; evidence?: string; at?: string };

export function registerContactCommands(program: Command, action: ActionFactory): void {
  const contact = program.command('contact').description('how a person agreed to be contacted: by email, SMS, phone or post, per purpose, and do-not-contact');
  addCommonOptions(contact.command('show <profile>').description('the state per channel and purpose, and the entries behind it')).action(
    action(({ args, options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const shown = unwrap(await backend.call('contact.show', { profileId: parseProfile(String(args[0])) }));
        out.result(shown, () => shownLines(shown));
      }),
    ),
  );
  addCommonOptions(
    contact.command('record <profile>').description('record that the person authorised or refused a channel, for a purpose or for every purpose'),
  )
    .addOption(new Option('--channel <channel>', 'the channel; all: every channel').choices([...CONTACT_CHANNELS, 'all']).makeOptionMandatory())
    .option('--purpose <code>', 'the catalog purpose; every purpose when left out (a refusal is then do-not-contact)')
    .option('--authorise', 'the person agreed to be contacted this way')
    .option('--refuse', 'the person refused to be contacted this way')
    .addOption(new Option('--method <method>', 'how the person told you').choices(RECORDING_METHODS).makeOptionMandatory())
    .option('--evidence <ref>', 'where the proof is kept')
    .option('--at <time>', 'when the person said so (ISO 8601; now when left out)')
    .action(
      action<RecordOptions>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          if (options.authorise === options.refuse) throw usageError('give one of --authorise or --refuse');
          const recorded = unwrap(
            await backend.call('contact.record', {
              profileId: parseProfile(String(args[0])),
              channel: options.channel,
              purpose: options.purpose,
              kind: options.refuse === true ? 'refused' : 'authorised',
              method: options.method,
              evidence: options.evidence,
              at: options.at,
            }),
          );
          out.result(recorded, () => [
            `Recorded ${recorded.entryIds.map((id) => `#${id}`).join(', ')} for profile ${recorded.profileId}.`,
            ...shownLines(recorded.shown),
          ]);
        }),
      ),
    );
}
