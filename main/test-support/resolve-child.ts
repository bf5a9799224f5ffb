/** Child process for the identity crash test: resolves identities and reports each phase until it is killed. */
import { Backend } from '../backend/backend';
import { runJob } from '../backend/run-job';

const [vaultDir, userName, passphrase] = process.argv.slice(2);
const backend = new Backend({ vaultDir: vaultDir! });
const unlocked = await backend.call('vault.unlock', { userName, passphrase });
if (!unlocked.ok) throw new Error(unlocked.error.message);
await runJob(backend, 'identity.resolve', {}, (progress) => process.stdout.write(`${progress.step}\n`));
process.stdout.write('finished\n');
