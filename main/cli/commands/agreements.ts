/**
 * `custodia agreements add|list|suspend|revoke|resume|renew`: the leases under which data may go to a partner
 * (docs/partners.md). Each change is an event of the agreement and an audit entry.
 */
import fs from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { LAWFUL_BASES, type Agreement, type AgreementInput, type ExtractField, type SftpCredential } from '../../api/contract';
import { unwrap } from '../../backend/run-job';
import { formatWindow, parseWindow } from '../../partners/window';
import type { ActionFactory } from '../action';
import { CliError, usageError } from '../errors';
import type { CliIo } from '../output';
import { table } from '../output';
import { addCommonOptions, withSession } from '../session';
import { collectList, parseCount, parseDay, parseFields, parseId, partnerNamed, sayingWhy } from './partner-options';

const parseAgreement = parseId('an agreement');

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new InvalidArgumentError('expected a port number from 1 to 65535.');
  return port;
}

function parseAccessWindow(value: string): string {
  if (parseWindow(value) === null) throw new InvalidArgumentError('expected weekdays and hours such as "Mon-Fri 08:00-18:00" or "Mon,Wed 09:00-12:00".');
  return value;
}

function stateText(agreement: Agreement): string {
  if (agreement.state === 'active') return agreement.daysLeft <= agreement.noticeDays ? `active, ${agreement.daysLeft} day(s) left` : 'active';
  if (agreement.state === 'notYetValid') return `starts ${agreement.validFrom}`;
  return agreement.state;
}

type SftpOptions = {
  sftpHost?: string;
  sftpPort?: number;
  sftpUser?: string;
  sftpPath?: string;
  sftpHostKey?: string;
  sftpKeyFile?: string;
  sftpPasswordStdin?: boolean;
};

type AddOptions = SftpOptions & {
  partner: string;
  purpose: string[];
  fields: ExtractField[];
  from: string;
  to: string;
  basis: (typeof LAWFUL_BASES)[number];
  title?: string;
  window?: string;
  maxPerMonth?: number;
  folder?: string;
  legalRef?: string;
  document?: string;
  noticeDays?: number;
};

async function firstLineOf(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
}

/** Read before the vault is unlocked: standard input then carries the password, and the passphrase comes from the environment. */
async function deliveryOf(options: AddOptions, io: CliIo): Promise<AgreementInput['delivery']> {
  const sftp = [options.sftpHost, options.sftpPort, options.sftpUser, options.sftpPath, options.sftpHostKey, options.sftpKeyFile, options.sftpPasswordStdin];
  const anySftp = sftp.some((value) => value !== undefined);
  if ((options.folder !== undefined) === anySftp) throw usageError('give either --folder or the --sftp-… options.');
  if (options.folder !== undefined) return { kind: 'folder', folder: options.folder };
  const missing = (['sftpHost', 'sftpUser', 'sftpPath', 'sftpHostKey'] as const).filter((key) => options[key] === undefined);
  if (missing.length > 0)
    throw usageError(`SFTP delivery needs ${missing.map((key) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ')}.`);
  if (options.sftpKeyFile !== undefined && options.sftpPasswordStdin === true) throw usageError('give either --sftp-key-file or --sftp-password-stdin.');
  let credential: SftpCredential | undefined;
  if (options.sftpKeyFile !== undefined) {
    try {
      credential = { privateKey: fs.readFileSync(options.sftpKeyFile, 'utf8') };
    } catch (error) {
      throw new CliError('INVALID_INPUT', `Cannot read the key file ${options.sftpKeyFile}: ${(error as Error).message}`);
    }
  } else if (options.sftpPasswordStdin === true) {
    const password = await firstLineOf(io.stdin);
    if (password === '') throw new CliError('INVALID_INPUT', 'No SFTP password came on standard input.');
    credential = { password };
  }
  return {
    kind: 'sftp',
    target: { host: options.sftpHost!, port: options.sftpPort ?? 22, username: options.sftpUser!, path: options.sftpPath!, hostKey: options.sftpHostKey! },
    ...(credential === undefined ? {} : { credential }),
  };
}

export function registerAgreementCommands(program: Command, action: ActionFactory): void {
  const agreements = program.command('agreements').description('leases: what may go to a partner, for which purposes, which fields, and when');
  addCommonOptions(agreements.command('add').description('sign an agreement with a partner (administrators); prints its id'))
    .requiredOption('--partner <name>', 'the partner, by name')
    .requiredOption('--purpose <codes...>', 'the purposes of the catalog the data is for (several, or separated by commas)', collectList)
    .requiredOption('--fields <list>', 'the fields allowed, separated by commas (email, givenName, familyName, phone, city…)', parseFields)
    .requiredOption('--from <date>', 'first day it is valid (YYYY-MM-DD)', parseDay)
    .requiredOption('--to <date>', 'last day it is valid (YYYY-MM-DD)', parseDay)
    .addOption(new Option('--basis <basis>', 'the lawful basis the disclosure rests on').choices(LAWFUL_BASES).default('consent'))
    .option('--title <text>', 'what the agreement is called (default: the partner and the purposes)')
    .option('--window <days hours>', 'when extracts may run, e.g. "Mon-Fri 08:00-18:00" (the vault’s time zone)', parseAccessWindow)
    .option('--max-per-month <n>', 'at most this many extracts a calendar month', parseCount(100_000))
    .option('--folder <dir>', 'deliver each extract as a file in this folder')
    .option('--sftp-host <host>', 'deliver by SFTP to this server')
    .option('--sftp-port <port>', 'its port (default 22)', parsePort)
    .option('--sftp-user <name>', 'the account on the server')
    .option('--sftp-path <dir>', 'the folder on the server')
    .option('--sftp-host-key <fingerprint>', 'the server’s host key, SHA256:… as ssh-keygen -lf prints it (a changed key refuses delivery)')
    .option('--sftp-key-file <file>', 'a private key for the account, stored in the vault')
    .option('--sftp-password-stdin', 'read the account’s password from standard input (then the passphrase must come from CUSTODIA_PASSPHRASE)')
    .option('--legal-ref <text>', 'the legal reference of the disclosure')
    .option('--document <text>', 'where the signed agreement is kept')
    .option('--notice-days <n>', 'announce the expiry this many days ahead (default 30)', parseCount(365))
    .action(
      action<AddOptions>(async ({ options, io, out }) => {
        const delivery = await deliveryOf(options, io);
        const window = options.window === undefined ? undefined : (parseWindow(options.window) ?? undefined);
        if (options.purpose.length === 0) throw usageError('--purpose needs at least one purpose code.');
        return withSession(options, io, ({ backend }) =>
          sayingWhy(async () => {
            const partner = await partnerNamed(backend, options.partner);
            const input: AgreementInput = {
              partnerId: partner.id,
              title: options.title ?? `${partner.name}: ${options.purpose.join(', ')}`,
              purposes: options.purpose,
              basis: options.basis,
              fields: [...new Set(options.fields)],
              validFrom: options.from,
              validTo: options.to,
              delivery,
              ...(window === undefined ? {} : { window }),
              ...(options.maxPerMonth === undefined ? {} : { maxPerMonth: options.maxPerMonth }),
              ...(options.legalRef === undefined ? {} : { legalRef: options.legalRef }),
              ...(options.document === undefined ? {} : { document: options.document }),
              ...(options.noticeDays === undefined ? {} : { noticeDays: options.noticeDays }),
            };
            const agreement = unwrap(await backend.call('agreements.add', input));
            out.result(agreement, () => [String(agreement.id)]);
          }),
        );
      }),
    );
  addCommonOptions(agreements.command('list').description('agreements with their state: active, not yet valid, expired, suspended, revoked'))
    .option('--partner <name>', 'only this partner’s')
    .action(
      action<{ partner?: string }>(({ options, io, out }) =>
        withSession(options, io, ({ backend }) =>
          sayingWhy(async () => {
            const partnerId = options.partner === undefined ? undefined : (await partnerNamed(backend, options.partner)).id;
            const list = unwrap(await backend.call('agreements.list', partnerId === undefined ? {} : { partnerId }));
            out.result(list, () =>
              list.length === 0
                ? ['No agreement.']
                : table([
                    ['ID', 'PARTNER', 'PURPOSES', 'FIELDS', 'VALID', 'WINDOW', 'STATE'],
                    ...list.map((agreement) => [
                      String(agreement.id),
                      agreement.partnerName,
                      agreement.purposes.join(','),
                      agreement.fields.join(','),
                      `${agreement.validFrom} – ${agreement.validTo}`,
                      agreement.window === null ? 'any time' : formatWindow(agreement.window),
                      stateText(agreement),
                    ]),
                  ]),
            );
          }),
        ),
      ),
    );
  const change = (name: 'suspend' | 'revoke' | 'resume', description: string, reasonRequired: boolean): void => {
    const command = addCommonOptions(agreements.command(`${name} <agreement>`).description(description));
    if (reasonRequired) command.requiredOption('--reason <text>', 'why (kept with the agreement’s events)');
    else command.option('--reason <text>', 'why (kept with the agreement’s events)');
    command.action(
      action<{ reason?: string }>(({ args, options, io, out }) =>
        withSession(options, io, ({ backend }) =>
          sayingWhy(async () => {
            const id = parseAgreement(String(args[0]));
            const input = { id, ...(options.reason === undefined ? {} : { reason: options.reason }) };
            const agreement = unwrap(await backend.call(`agreements.${name}`, input));
            out.result(agreement, () => [`Agreement ${agreement.id}: ${stateText(agreement)}.`]);
          }),
        ),
      ),
    );
  };
  change('suspend', 'suspend an agreement: no extract leaves under it until it is resumed (administrators)', true);
  change('revoke', 'revoke an agreement for good (administrators)', true);
  change('resume', 'resume a suspended agreement (administrators)', false);
  addCommonOptions(agreements.command('renew <agreement>').description('move the last day an agreement is valid (administrators)'))
    .requiredOption('--to <date>', 'the new last day (YYYY-MM-DD)', parseDay)
    .option('--reason <text>', 'why (kept with the agreement’s events)')
    .action(
      action<{ to: string; reason?: string }>(({ args, options, io, out }) =>
        withSession(options, io, ({ backend }) =>
          sayingWhy(async () => {
            const id = parseAgreement(String(args[0]));
            const agreement = unwrap(
              await backend.call('agreements.renew', { id, validTo: options.to, ...(options.reason === undefined ? {} : { reason: options.reason }) }),
            );
            out.result(agreement, () => [`Agreement ${agreement.id} renewed: valid until ${agreement.validTo} (${stateText(agreement)}).`]);
          }),
        ),
      ),
    );
}
