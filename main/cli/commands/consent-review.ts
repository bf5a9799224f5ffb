/**
 * `custodia consent review [--expiring 30d] [--list FINDING]`: the consent review's counts (auditors too),
 * and with --list the people behind one finding (stewards and administrators). Registered under the
 * `consent` command that consent.ts declares.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
import { REVIEW_FINDINGS, type ReviewFinding, type ReviewSummary } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { table } from '../output';
import { addCommonOptions, withSession } from '../session';

/** `30d`, `30` (days) or `6w` (weeks). */
export function parseWindow(value: string): number {
  const match = /^(\d+)\s*([dw]?)$/i.exec(value.trim());
  const days = match === null ? Number.NaN : Number(match[1]) * (match[2]?.toLowerCase() === 'w' ? 7 : 1);
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new InvalidArgumentError('expected a number of days such as 30d (or weeks: 6w).');
  return days;
}

const FINDING_LABELS: Readonly<Record<ReviewFinding, string>> = {
  expiring: 'expiring',
  disagree: 'sources disagree',
  unevidenced: 'without evidence',
  stillUsed: 'still used after withdrawal',
};

function summaryLines(summary: ReviewSummary): string[] {
  const { states, findings } = summary.totals;
  return [
    `Consent review at ${summary.generatedAt} (person × purpose pairs)`,
    `  granted ${states.granted}, withdrawn ${states.withdrawn}, expired ${states.expired}, objected ${states.objected}`,
    `  expiring within ${summary.expiringDays} days: ${findings.expiring}`,
    `  sources disagree: ${findings.disagree}`,
    `  without evidence: ${findings.unevidenced}`,
    `  still used after withdrawal: ${findings.stillUsed}`,
    '',
    ...table([
      ['PURPOSE', 'GRANTED', 'WITHDRAWN', 'EXPIRED', 'OBJECTED', 'EXPIRING', 'DISAGREE', 'NO EVIDENCE', 'STILL USED'],
      ...summary.purposes.map((row) => [
        row.purpose,
        ...[
          row.states.granted,
          row.states.withdrawn,
          row.states.expired,
          row.states.objected,
          row.findings.expiring,
          row.findings.disagree,
          row.findings.unevidenced,
          row.findings.stillUsed,
        ].map(String),
      ]),
    ]),
  ];
}

interface ReviewOptions {
  expiring: number;
  list?: ReviewFinding;
  purpose?: string;
  limit?: string;
  rebuild?: boolean;
}

export function registerConsentReviewCommands(program: Command, action: ActionFactory): void {
  const consent = program.commands.find((command) => command.name() === 'consent');
  if (consent === undefined) throw new Error('the consent command is registered first');
  addCommonOptions(
    consent
      .command('review')
      .description('coverage, consents expiring soon, sources that disagree, consents without evidence, purposes still used after a withdrawal'),
  )
    .option('--expiring <days>', 'how far ahead "expiring soon" looks (30d, 6w)', parseWindow, 30)
    .addOption(new Option('--list <finding>', 'the people behind one finding (stewards and administrators)').choices(REVIEW_FINDINGS))
    .option('--purpose <code>', 'with --list: one purpose only')
    .option('--limit <n>', 'with --list: at most this many (default 100)')
    .option('--rebuild', 'derive every person’s state again from the ledger before counting')
    .action(
      action<ReviewOptions>(({ options, io, out }) =>
        withSession(options, io, async ({ backend }) => {
          if (options.list === undefined) {
            const summary = unwrap(await backend.call('consent.review', { expiringDays: options.expiring, rebuild: options.rebuild === true }));
            out.result(summary, () => summaryLines(summary));
            return;
          }
          const limit = Math.min(1000, Math.max(1, Number(options.limit ?? 100) || 100));
          const list = unwrap(
            await backend.call('consent.reviewList', { finding: options.list, purpose: options.purpose, expiringDays: options.expiring, limit }),
          );
          out.result(list, () => [
            `${list.total} consent(s) ${FINDING_LABELS[options.list!]}${list.total > list.items.length ? ` (first ${list.items.length})` : ''}`,
            ...(list.items.length === 0
              ? []
              : table([
                  ['PROFILE', 'PURPOSE', 'STATE', 'SINCE', 'ENDS'],
                  ...list.items.map((item) => [String(item.profileId), item.purpose, item.state, item.since ?? '-', item.lapsesAt ?? '-']),
                ])),
          ]);
        }),
      ),
    );
}
