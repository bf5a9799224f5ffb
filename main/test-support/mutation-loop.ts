/**
 * Child process for the crash test: unlocks a vault and changes a setting in a tight loop, each change a
 * transaction with its audit entry, until it is killed with SIGKILL.
 */
import { Backend } from '../backend/backend';

const [vaultDir, userName, passphrase] = process.argv.slice(2);
const backend = new Backend({ vaultDir: vaultDir! });
const unlocked = await backend.call('vault.unlock', { userName, passphrase });
if (!unlocked.ok) {
  console.error(unlocked.error.message);
  process.exit(1);
}
let minutes = 1;
let announced = false;
for (;;) {
  minutes = (minutes % 1440) + 1;
  const result = await backend.call('vault.setIdleLock', { minutes });
  if (!result.ok) throw new Error(result.error.message);
  if (!announced) {
    process.stdout.write('running\n');
    announced = true;
  }
}
