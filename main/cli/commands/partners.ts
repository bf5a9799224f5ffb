/**
 * `custodia partners add|list|run-due`: the partners data goes to (docs/partners.md), and the scheduled extracts
 * due now, for cron. Agreements are in agreements.ts, extracts and schedules in extract.ts.
 */
import { Option, type Command } from 'commander';
import type { Partner, PartnerInput } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import type { ActionFactory } from '../action';
import { parseCountry } from '../country-option';
import { table } from '../output';
import { EXIT_FAILURE } from '../errors';
import { addCommonOptions, runJobWithProgress, withSession } from '../session';
import { parseDay, say, sayingWhy } from './partner-options';

/** The CLI writes roles as words are written on a command line; the API keeps the identifier. */
const ROLE_OF = { processor: 'processor', 'third-party': 'third_party' } as const;

function transferText(partner: Partner): string {
  if (!partner.needsAssessment) return 'no assessment needed';
  if (partner.assessmentDate === null) return 'ASSESSMENT MISSING';
  return `assessed ${partner.assessmentDate}${partner.assessmentRef === null ? '' : ` (${partner.assessmentRef})`}`;
}

type AddOptions = {
  role: keyof typeof ROLE_OF;
  country: string;
  subdivision?: string;
  contact?: string;
  assessment?: string;
  assessmentRef?: string;
};

export function registerPartnerCommands(program: Command, action: ActionFactory): void {
  const partners = program.command('partners').description('the partners data goes to: processors and third parties, with their transfer assessments');
  addCommonOptions(partners.command('add <name>').description('add a partner (administrators)'))
    .addOption(
      new Option('--role <role>', 'processor (acts on your behalf) or third-party (its own purposes)').choices(Object.keys(ROLE_OF)).makeOptionMandatory(),
    )
    .requiredOption('--country <code>', 'its country, a two-letter code (CA, FR…)', parseCountry)
    .option('--subdivision <code>', 'its province or state in Canada and the United States (QC, ON, CA…)')
    .option('--contact <text>', 'who to reach there')
    .option('--assessment <date>', 'the day the transfer assessment was made (YYYY-MM-DD), for a partner outside Quebec and the EU', parseDay)
    .option('--assessment-ref <text>', 'where the assessment is filed')
    .action(
      action<AddOptions>(({ args, options, io, out }) =>
        withSession(options, io, ({ backend }) =>
          sayingWhy(async () => {
            const input: PartnerInput = {
              name: String(args[0]),
              role: ROLE_OF[options.role],
              country: options.country,
              ...(options.subdivision === undefined ? {} : { subdivision: options.subdivision }),
              ...(options.contact === undefined ? {} : { contact: options.contact }),
              ...(options.assessment === undefined ? {} : { assessmentDate: options.assessment }),
              ...(options.assessmentRef === undefined ? {} : { assessmentRef: options.assessmentRef }),
            };
            const partner = unwrap(await backend.call('partners.add', input));
            out.result(partner, () => [
              `Partner ${partner.id} added: ${partner.name} (${partner.role === 'third_party' ? 'third party' : 'processor'}, ${partner.country}${partner.subdivision === null ? '' : `-${partner.subdivision}`}).`,
              ...(partner.needsAssessment && !partner.transferAssessed
                ? ['  The transfer leaves Quebec and the EU: record its assessment before any extract may go to it.']
                : []),
            ]);
          }),
        ),
      ),
    );
  addCommonOptions(partners.command('list').description('every partner, with its transfer assessment and number of agreements')).action(
    action(({ options, io, out }) =>
      withSession(options, io, async ({ backend }) => {
        const list = unwrap(await backend.call('partners.list', {}));
        out.result(list, () =>
          list.length === 0
            ? ['No partner.']
            : table([
                ['ID', 'NAME', 'ROLE', 'COUNTRY', 'AGREEMENTS', 'TRANSFER'],
                ...list.map((partner) => [
                  String(partner.id),
                  partner.name,
                  partner.role === 'third_party' ? 'third-party' : 'processor',
                  `${partner.country}${partner.subdivision === null ? '' : `-${partner.subdivision}`}`,
                  String(partner.agreements),
                  transferText(partner),
                ]),
              ]),
        );
      }),
    ),
  );
  addCommonOptions(
    partners
      .command('run-due')
      .description(
        'run every scheduled extract that is due, each re-checking its lease and the consents (for cron: exit code 1 when any was refused or failed)',
      ),
  ).action(
    action(({ options, io, out }) =>
      withSession(options, io, (session) =>
        sayingWhy(async () => {
          const done = await runJobWithProgress(session, out, 'schedules.runDue', {});
          out.result(done, () =>
            done.ran.length === 0
              ? ['No scheduled extract is due.']
              : done.ran.map(
                  (run) =>
                    `Schedule ${run.scheduleId}: ${run.outcome === 'ok' ? 'extract made' : say(`partners.schedule.outcomes.${run.outcome}`, run.outcome)}${run.extractId === null ? '' : ` (register entry ${run.extractId})`}`,
                ),
          );
          // For cron: a refused or failed schedule is worth a mail, after every outcome is printed.
          return done.ran.some((run) => run.outcome !== 'ok') ? EXIT_FAILURE : undefined;
        }),
      ),
    ),
  );
}
