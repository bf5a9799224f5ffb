/**
 * The `custodia` command line. `runCli` never exits the process: it returns the exit code, so tests
 * drive it in-process with captured streams and their own environment, and index.ts does the exiting.
 */
import { Command } from 'commander';
import { version } from '../../package.json';
import { actionFactory } from './action';
import { registerAuditCommands } from './commands/audit';
import { registerConnectorCommands } from './commands/connectors';
import { registerConsentCommands } from './commands/consent';
import { registerConsentReviewCommands } from './commands/consent-review';
import { registerContactCommands } from './commands/contact';
import { registerIdentityCommands } from './commands/identity';
import { registerIngestCommands } from './commands/ingest';
import { registerQualityCommand } from './commands/quality';
import { registerRequestCommands } from './commands/requests';
import { registerEraseCommands } from './commands/erase';
import { registerAgreementCommands } from './commands/agreements';
import { registerExtractCommands } from './commands/extract';
import { registerPartnerCommands } from './commands/partners';
import { registerRegisterCommands } from './commands/register';
import { registerRetentionCommands } from './commands/retention';
import { registerReportCommands } from './commands/report';
import { registerSourceCommands } from './commands/sources';
import { registerSuppressionCommands } from './commands/suppression';
import { registerServeCommand } from './commands/serve';
import { registerUserCommands } from './commands/users';
import { registerVaultCommands } from './commands/vault';
import { EXIT_OK, isCommanderExit, toFailure } from './errors';
import { Output, type CliIo } from './output';

export type { CliIo } from './output';

export function buildProgram(io: CliIo, setExitCode: (code: number) => void): Command {
  const program = new Command('custodia')
    .description('Custodia, the offline customer-data vault, from the command line.')
    .version(version, '-V, --version')
    // Each command parses the options after its name, so `import undo 12 --json` gives --json to `undo`
    // rather than to `import`, which has one of the same name.
    .enablePositionalOptions()
    // Parse errors become exceptions so runCli can map them to exit code 2; everything printed goes
    // through io, never straight to process.stdout.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      writeErr: (text) => void io.stderr.write(text),
      // runCli prints parse errors itself, in the same one-line form as every other failure.
      outputError: () => undefined,
    })
    .addHelpText(
      'after',
      [
        '',
        'Environment:',
        '  CUSTODIA_VAULT           vault folder when --vault is not given',
        '  CUSTODIA_USER            user name when --user is not given',
        '  CUSTODIA_PASSPHRASE      passphrase of --user (otherwise asked in the terminal)',
        '  CUSTODIA_NEW_PASSPHRASE  passphrase for the user being added by `users add`',
        '',
        'Exit codes: 0 ok, 1 failure (or a broken audit trail), 2 usage error.',
      ].join('\n'),
    );
  const action = actionFactory(io, setExitCode);
  registerVaultCommands(program, action);
  registerUserCommands(program, action);
  registerAuditCommands(program, action);
  registerIngestCommands(program, action);
  registerIdentityCommands(program, action);
  registerQualityCommand(program, action);
  registerSourceCommands(program, action);
  registerConnectorCommands(program, action);
  registerConsentCommands(program, action);
  registerRequestCommands(program, action);
  registerEraseCommands(program, action);
  registerSuppressionCommands(program, action);
  registerConsentReviewCommands(program, action);
  registerContactCommands(program, action);
  registerPartnerCommands(program, action);
  registerAgreementCommands(program, action);
  registerExtractCommands(program, action);
  registerRegisterCommands(program, action);
  registerRetentionCommands(program, action);
  registerReportCommands(program, action);
  registerServeCommand(program, action);
  return program;
}

/** `argv` is the user's arguments only, as in `process.argv.slice(2)`. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = EXIT_OK;
  const program = buildProgram(io, (code) => (exitCode = code));
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    const failure = toFailure(error);
    // Help and --version arrive here too, already printed, with exit code 0.
    if (isCommanderExit(error) && failure.exitCode === EXIT_OK) return EXIT_OK;
    // Commander fails before any action has seen its options, so --json is looked for by hand.
    const json = argv.slice(0, argv.includes('--') ? argv.indexOf('--') : undefined).includes('--json');
    // A command group without its subcommand (`custodia vault`) has just printed its help: enough for a
    // person, while a script still gets its JSON failure.
    if (isCommanderExit(error) && error.code === 'commander.help') {
      if (json) new Output(io, true).failure({ ...failure, message: 'A subcommand is required.' }, { quiet: true });
      return failure.exitCode;
    }
    new Output(io, json).failure(failure);
    return failure.exitCode;
  }
}
