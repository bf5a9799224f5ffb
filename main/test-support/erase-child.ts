/** Child process for the erasure crash test: previews one profile's erasure, says so, commits it; killed somewhere in between. */
import { Backend } from '../backend/backend';
import { runJob } from '../backend/run-job';

const [vaultDir, userName, passphrase, profileId] = process.argv.slice(2);
const backend = new Backend({ vaultDir: vaultDir! });
const unlocked = await backend.call('vault.unlock', { userName, passphrase });
if (!unlocked.ok) throw new Error(unlocked.error.message);
const preview = await backend.call('erasure.preview', { profileId: Number(profileId) });
if (!preview.ok) throw new Error(preview.error.message);
process.stdout.write('committing\n');
const done = await runJob(backend, 'erasure.commit', { profileId: Number(profileId), token: preview.value.token });
process.stdout.write(done.ok ? 'committed\n' : `failed ${done.error.message}\n`);
