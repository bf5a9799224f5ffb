/**
 * `custodia erase preview|commit|certificate|letter|verify|bulk` and `custodia erase holds|hold|release-hold`: erasure by
 * irreversible anonymization (docs/erasure.md). Two steps: the preview prints the exact counts and a token,
 * the commit takes the token.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { REMOVED_KINDS, type ErasureCertificate, type ErasurePreview, type ScanSummary } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import { checkOutputPath } from '../../platform/output-file';
import type { ActionFactory } from '../action';
import { table } from '../output';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';
import { parseDay, parseId } from '../value-options';

function counts(removed: ErasurePreview['removed']): string[] {
  return table(REMOVED_KINDS.filter((kind) => (removed[kind] ?? 0) > 0).map((kind) => [`  ${kind}`, String(removed[kind] ?? 0)]));
}

function previewLines(preview: ErasurePreview): string[] {
  return [
    `Erasure of profile ${preview.profileId}${preview.requestId === null ? '' : ` for request ${preview.requestId}`}: what goes`,
    ...counts(preview.removed),
    preview.generalized.events > 0
      ? `  kept for statistics: ${preview.generalized.events} event(s) as ${preview.generalized.rows} generalized row(s) (region ${preview.generalized.region}, age ${preview.generalized.ageBand}; k = ${preview.k})`
      : `  kept for statistics: nothing (${preview.generalized.dropped} event(s) dropped: the group has fewer than k = ${preview.k} other people)`,
    ...preview.kept.map(
      (kept) => `  kept under legal hold ${kept.holdId} (source ${kept.sourceId}): ${kept.records} record(s) until ${kept.until ?? 'released'}`,
    ),
    ...preview.recipients.map(
      (recipient) =>
        `  sent to partner ${recipient.partnerName} (agreement ${recipient.agreementId}): ${recipient.extracts} extract(s); a notification letter follows the erasure`,
    ),
    `  suppression entries: ${preview.suppressionEntries}; other people sharing an email or phone, untouched: ${preview.sharedWith}`,
    ...(preview.backups.length === 0
      ? []
      : [`  warning: ${preview.backups.length} backup(s) taken before now hold the person; restoring one replays the suppression list`]),
    ...preview.blockedBy.map(
      (hold) =>
        `  BLOCKED by litigation hold ${hold.id}${hold.reference === null ? '' : ` (${hold.reference})`}${hold.until === null ? '' : ` until ${hold.until}`}`,
    ),
    preview.blockedBy.length > 0
      ? 'Release the hold before erasing.'
      : `To erase, irreversibly: custodia erase commit ${preview.token} --profile ${preview.profileId}${preview.requestId === null ? '' : ` --request ${preview.requestId}`}`,
  ];
}

function scanLine(scan: ScanSummary | null): string {
  if (scan === null) return '  verification scan: not run yet (custodia erase verify PROFILE)';
  return `  verification scan: ${scan.clean ? 'CLEAN' : 'FOUND TRACES'} — ${scan.tablesScanned} table(s), ${scan.rowsScanned} row(s), ${scan.pagesScanned} decrypted page(s), ${scan.filesScanned} file(s); ${scan.tableHits + scan.pageHits + scan.fileHits} occurrence(s), ${scan.shared} shared with other people (${scan.seconds} s)`;
}

function certificateLines(certificate: ErasureCertificate): string[] {
  return [
    `Erasure certificate ${certificate.id}: profile ${certificate.profileId}${certificate.requestId === null ? '' : `, request ${certificate.requestId}`}, ${certificate.reason}, ${certificate.erasedAt} by ${certificate.erasedBy}`,
    ...counts(certificate.removed),
    `  generalized: ${certificate.generalized.events} event(s) in ${certificate.generalized.rows} row(s), dropped ${certificate.generalized.dropped} (k = ${certificate.k})`,
    `  suppression entries: ${certificate.suppressionEntries}`,
    ...certificate.recipients.map(
      (recipient) =>
        `  partner to notify: ${recipient.partnerName} (agreement ${recipient.agreementId}, ${recipient.extracts} extract(s)) — custodia erase letter ${certificate.id} --agreement ${recipient.agreementId} --out FILE.pdf`,
    ),
    scanLine(certificate.scan),
    `  SHA-256 ${certificate.hash}`,
  ];
}

export function registerEraseCommands(program: Command, action: ActionFactory): void {
  const erase = program.command('erase').description('erasure by irreversible anonymization: preview, commit with the token, certificate, verification');
  addCommonOptions(erase.command('preview <profile>').description('what an erasure would remove, generalize and keep, with a token for the commit'))
    .option('--request <id>', 'the verified erasure request it answers', parseId('request'))
    .action(
      action<{ request?: number }>(({ args, options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const preview = unwrap(
            await backend.call('erasure.preview', {
              profileId: parseId('profile')(String(args[0])),
              ...(options.request === undefined ? {} : { requestId: options.request }),
            }),
          );
          out.result(preview, () => previewLines(preview));
        }),
      ),
    );
  addCommonOptions(erase.command('commit <token>').description('erase irreversibly, as previewed; prints the certificate’s id and hash'))
    .requiredOption('--profile <id>', 'the profile previewed', parseId('profile'))
    .option('--request <id>', 'the request previewed with', parseId('request'))
    .action(
      action<{ profile: number; request?: number }>(({ args, options, io, out }) =>
        withSession(options, io, async (session) => {
          const certificate = await runJobWithProgress(session, out, 'erasure.commit', {
            token: String(args[0]),
            profileId: options.profile,
            ...(options.request === undefined ? {} : { requestId: options.request }),
          });
          out.result(certificate, () => certificateLines(certificate));
        }),
      ),
    );
  addCommonOptions(
    erase
      .command('bulk <requests...>')
      .description('erase the people of several verified erasure requests: without --token, the preview; with it, the erasure, with one verification scan'),
  )
    .option('--token <token>', 'the token the preview printed')
    .action(
      action<{ token?: string }>(({ args, options, io, out }) =>
        withSession(options, io, async (session) => {
          const requestIds = (args[0] as unknown as string[]).map((value) => parseId('request')(value));
          if (options.token === undefined) {
            const preview = await runJobWithProgress(session, out, 'erasure.previewBulk', { requestIds });
            out.result(preview, () => [
              `Erasure of ${preview.people} person(s): what goes`,
              ...counts(preview.removed),
              `  kept for statistics: ${preview.generalizedEvents} event(s); dropped (groups under k): ${preview.droppedEvents}; kept under legal holds: ${preview.keptRecords} record(s)`,
              ...preview.skipped.map((entry) => `  request ${entry.requestId} skipped: ${entry.reason}`),
              preview.people > 0 ? `To erase them, irreversibly: custodia erase bulk ${requestIds.join(' ')} --token ${preview.token}` : 'Nobody to erase.',
            ]);
            return;
          }
          const done = await runJobWithProgress(session, out, 'erasure.bulk', { requestIds, token: options.token });
          out.result(done, () => [
            `${done.erased} profile(s) erased; certificates ${done.certificates.join(', ') || '—'}`,
            ...done.skipped.map((entry) => `  request ${entry.requestId} skipped: ${entry.reason}`),
          ]);
        }),
      ),
    );
  addCommonOptions(erase.command('certificate <id>').description('show an erasure certificate, or write it as a PDF'))
    .option('--out <file.pdf>', 'write the certificate as a PDF')
    .addOption(new Option('--language <language>', 'the PDF’s language').choices(['fr', 'en']))
    .option('--force', 'replace an existing file')
    .action(
      action<{ out?: string; language?: 'fr' | 'en'; force?: boolean }>(({ args, options, io, out }) => {
        const id = parseId('certificate')(String(args[0]));
        const outFile = options.out === undefined ? undefined : checkOutputPath(options.out, { overwrite: options.force === true });
        return withSession(options, io, async ({ backend }) => {
          if (outFile === undefined) {
            const certificate = unwrap(await backend.call('erasure.certificate', { id }));
            out.result(certificate, () => certificateLines(certificate));
            return;
          }
          const written = unwrap(
            await backend.call('erasure.certificatePdf', {
              id,
              outFile,
              overwrite: options.force === true,
              ...(options.language === undefined ? {} : { language: options.language }),
            }),
          );
          out.result(written, () => [`Certificate ${id} written to ${written.savedTo ?? outFile} (SHA-256 ${written.sha256}).`]);
        });
      }),
    );
  addCommonOptions(
    erase.command('letter <certificate>').description('write the notice of erasure to a partner that received the person’s data (GDPR Art. 19), as a PDF'),
  )
    .requiredOption('--agreement <id>', 'the agreement the data went out under (the certificate lists them)', parseId('agreement'))
    .requiredOption('--out <file.pdf>', 'where to write the letter')
    .addOption(new Option('--language <language>', 'the letter’s language').choices(['fr', 'en']))
    .option('--force', 'replace an existing file')
    .action(
      action<{ agreement: number; out: string; language?: 'fr' | 'en'; force?: boolean }>(({ args, options, io, out }) => {
        const certificateId = parseId('certificate')(String(args[0]));
        const outFile = checkOutputPath(options.out, { overwrite: options.force === true });
        return withSession(options, io, async ({ backend }) => {
          const written = unwrap(
            await backend.call('erasure.recipientLetter', {
              certificateId,
              agreementId: options.agreement,
              outFile,
              overwrite: options.force === true,
              ...(options.language === undefined ? {} : { language: options.language }),
            }),
          );
          out.result(written, () => [
            `Notice to the partner of agreement ${options.agreement} written to ${written.savedTo ?? outFile} (SHA-256 ${written.sha256}).`,
          ]);
        });
      }),
    );
  addCommonOptions(erase.command('certificates').description('list erasure certificates, newest first')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const list = unwrap(await backend.call('erasure.certificates', { limit: 500 }));
        out.result(list, () => [
          `${list.total} certificate(s)`,
          ...table(
            list.certificates.map((entry) => [
              String(entry.id),
              `profile ${entry.profileId}`,
              entry.reason,
              entry.erasedAt,
              entry.clean === null ? 'not scanned' : entry.clean ? 'clean' : 'TRACES',
            ]),
          ),
        ]);
      }),
    ),
  );
  addCommonOptions(
    erase.command('verify <profile>').description('an erased profile: check its tombstone and certificate; an active one: where its identifiers lie now'),
  ).action(
    action(({ args, options, io, out }) =>
      withSession(options, io, async (session) => {
        const verified = await runJobWithProgress(session, out, 'erasure.verify', { profileId: parseId('profile')(String(args[0])) });
        out.result(verified, () =>
          verified.erased
            ? [
                `Profile ${verified.profileId} was erased (certificate ${verified.certificateId}).`,
                `  tombstone empty: ${verified.tombstoneEmpty ? 'yes' : 'NO'}; certificate hash recomputes: ${verified.hashMatches ? 'yes' : 'NO'}; matches the audit trail: ${verified.auditMatches ? 'yes' : 'NO'}`,
                scanLine(verified.scan),
              ]
            : [`Profile ${verified.profileId} is not erased. Where its identifiers lie now:`, scanLine(verified.scan)],
        );
      }),
    ),
  );
  addCommonOptions(erase.command('holds').description('legal holds: litigation holds stop an erasure, legal obligations keep a source’s records'))
    .option('--all', 'include released holds')
    .action(
      action<{ all?: boolean }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const holds = unwrap(await backend.call('erasure.holds', { active: options.all !== true }));
          out.result(holds, () =>
            holds.length === 0
              ? ['No legal hold.']
              : table(
                  holds.map((hold) => [
                    String(hold.id),
                    hold.kind,
                    hold.profileId === null ? `source ${hold.sourceName ?? hold.sourceId}` : `profile ${hold.profileId}`,
                    hold.until ?? '—',
                    hold.releasedAt === null ? 'active' : `released ${hold.releasedAt.slice(0, 10)}`,
                    hold.reason ?? '(hidden)',
                  ]),
                ),
          );
        }),
      ),
    );
  addCommonOptions(erase.command('hold').description('place a legal hold: --profile (litigation) or --source (legal obligation)'))
    .option('--profile <id>', 'a litigation hold on this profile: its erasure is stopped', parseId('profile'))
    .option('--source <id>', 'a legal obligation on this source: its records of an erased person are kept', parseId('source'))
    .requiredOption('--reason <text>', 'why (e.g. "tax law: invoices kept 6 years")')
    .option('--reference <text>', 'the legal reference or case number')
    .option('--until <date>', 'the last day it holds (YYYY-MM-DD)', parseDay)
    .action(
      action<{ profile?: number; source?: number; reason: string; reference?: string; until?: string }>(({ options, io, out }) => {
        if ((options.profile === undefined) === (options.source === undefined)) throw new InvalidArgumentError('give either --profile or --source.');
        return withSession(options, io, async ({ backend }) => {
          const common = {
            reason: options.reason,
            ...(options.reference === undefined ? {} : { reference: options.reference }),
            ...(options.until === undefined ? {} : { until: options.until }),
          };
          const hold = unwrap(
            await backend.call(
              'erasure.placeHold',
              options.profile !== undefined
                ? { kind: 'litigation', profileId: options.profile, ...common }
                : { kind: 'legal_obligation', sourceId: options.source, ...common },
            ),
          );
          out.result(hold, () => [`Legal hold ${hold.id} placed (${hold.kind}).`]);
        });
      }),
    );
  addCommonOptions(erase.command('release-hold <id>').description('release a legal hold (it stays in the register)')).action(
    action(({ args, options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const hold = unwrap(await backend.call('erasure.releaseHold', { id: parseId('hold')(String(args[0])) }));
        out.result(hold, () => [`Legal hold ${hold.id} released.`]);
      }),
    ),
  );
  addCommonOptions(erase.command('settings').description('k: the smallest group statistics may describe (administrators change it)'))
    .option('--k <number>', 'the new k (2–100)', (value) => {
      const k = Number(value);
      if (!Number.isInteger(k) || k < 2 || k > 100) throw new InvalidArgumentError('expected a whole number from 2 to 100.');
      return k;
    })
    .action(
      action<{ k?: number }>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          const settings = unwrap(
            options.k === undefined ? await backend.call('erasure.settings', {}) : await backend.call('erasure.saveSettings', { k: options.k }),
          );
          out.result(settings, () => [`k = ${settings.k}`]);
        }),
      ),
    );
}
