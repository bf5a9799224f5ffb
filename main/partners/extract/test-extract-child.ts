/** Child process for the extract crash test: runs one extract to a file, saying how far the writing is; killed halfway. */
import { Backend } from '../../backend/backend';
import { runJob } from '../../backend/run-job';

const [vaultDir, userName, passphrase, agreementId, outFile] = process.argv.slice(2);
const backend = new Backend({ vaultDir: vaultDir! });
const unlocked = await backend.call('vault.unlock', { userName, passphrase });
if (!unlocked.ok) throw new Error(unlocked.error.message);
const done = await runJob(backend, 'extracts.run', { agreementId: Number(agreementId), outFile }, (progress) => {
  process.stdout.write(`${progress.step} ${progress.done} ${progress.total ?? ''}\n`);
});
process.stdout.write(done.ok ? 'extracted\n' : `failed ${done.error.message}\n`);
