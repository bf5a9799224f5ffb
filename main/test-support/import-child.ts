/** Child process for the crash test: imports a file and reports progress until it is killed. */
import { Backend } from '../backend/backend';
import { runJob } from '../backend/run-job';

const [vaultDir, userName, passphrase, file] = process.argv.slice(2);
const backend = new Backend({ vaultDir: vaultDir! });
const unlocked = await backend.call('vault.unlock', { userName, passphrase });
if (!unlocked.ok) throw new Error(unlocked.error.message);
await runJob(backend, 'import.file', { file, source: 'Crash' }, (progress) => process.stdout.write(`${progress.done}\n`));
process.stdout.write('finished\n');
