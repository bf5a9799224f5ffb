/**
 * The contract's method names as plain data, for the preload script: it exposes one function per
 * name and must not bundle zod. The type check below fails the build when the list and the
 * contract drift apart.
 */
import type { MethodName } from './contract';

export const METHOD_NAMES = [
  'vault.status',
  'vault.create',
  'vault.unlock',
  'vault.recover',
  'vault.lock',
  'vault.touch',
  'vault.changePassphrase',
  'vault.setIdleLock',
  'vault.backup',
  'vault.restore',
  'vault.check',
  'vault.revealKey',
  'preferences.setLanguage',
  'preferences.setRegion',
  'users.list',
  'users.add',
  'users.disable',
  'users.changeRole',
  'users.resetPassphrase',
  'users.createSigningKey',
  'audit.list',
  'audit.names',
  'audit.actions',
  'audit.verify',
  'audit.export',
  'audit.checkpoints',
  'sources.list',
  'sources.save',
  'import.preview',
  'import.file',
  'import.runs',
  'import.undoPlan',
  'import.undo',
  'import.rejects',
  'import.exportRejects',
  'import.rejectsCsv',
  'connectors.list',
  'connectors.add',
  'connectors.update',
  'connectors.remove',
  'connectors.test',
  'connectors.sync',
  'quality.overview',
  'quality.summary',
  'quality.flags',
  'quality.previewCorrection',
  'quality.correct',
  'overview.attention',
  'overview.figures',
  'profiles.count',
  'profiles.export',
  'profiles.search',
  'profiles.list',
  'profiles.get',
  'jobs.get',
  'jobs.cancel',
] as const satisfies readonly MethodName[];

type Missing = Exclude<MethodName, (typeof METHOD_NAMES)[number]>;
export const METHOD_NAMES_COMPLETE: [Missing] extends [never] ? true : Missing = true;

export const IPC_CALL_CHANNEL = 'custodia:call';
export const IPC_EVENT_CHANNEL = 'custodia:event';
