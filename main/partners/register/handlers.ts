/** The register.* methods behind the contract (docs/partners.md): read by every role, exported by auditors too. */
import crypto from 'node:crypto';
import type { SliceHandlers } from '../../core/handlers';
import { OutputFile } from '../../platform/output-file';
import { readRequestSettings, vaultTimeZone } from '../../requests/index';
import { sql } from '../../store/sql';
import type { CapabilityContext } from '../../vault/index';
import type { partnersMethods, RegisterEntry, RegisterFilter } from '../contract';
import { registerCsv, registerPdf } from './export';
import { listRegister, registerEntries } from './query';
import { registerTranslator } from './translate';

type Handlers = SliceHandlers<typeof partnersMethods, CapabilityContext>;

export function registerFileName(filter: RegisterFilter, format: 'csv' | 'pdf'): string {
  const period = filter.from === undefined && filter.to === undefined ? 'all' : `${filter.from ?? 'start'}_${filter.to ?? 'now'}`;
  return `partner-register-${period}.${format}`;
}

/** The filter without the export's own options: what the audit entry and the file describe. */
function filterOf(input: RegisterFilter): RegisterFilter {
  const { from, to, partnerId, agreementId, profileId } = input;
  return Object.fromEntries(Object.entries({ from, to, partnerId, agreementId, profileId }).filter(([, value]) => value !== undefined)) as RegisterFilter;
}

export const registerHandlers: Pick<Handlers, `register.${string}` & keyof Handlers> = {
  'register.list': ({ limit, offset, ...filter }, context) => listRegister(context.vaults.current().db, filter, limit, offset),
  'register.export': async ({ format, outFile, overwrite, language, ...input }, context) => {
    const vault = context.vaults.current();
    const filter = filterOf(input);
    const t = registerTranslator(language ?? context.vaults.language() ?? 'en');
    // One read transaction: the file shows one state of the register.
    const read = vault.db.transaction(() => {
      if (format === 'csv') {
        const csv = registerCsv(registerEntries(vault.db, filter), t);
        return { bytes: Buffer.from(csv.text, 'utf8'), entries: csv.entries, pdf: null };
      }
      const entries: RegisterEntry[] = [...registerEntries(vault.db, filter)].flat();
      const names = {
        partnerName:
          filter.partnerId === undefined ? null : (vault.db.get<{ name: string }>(sql`SELECT name FROM partner WHERE id = ${filter.partnerId}`)?.name ?? null),
        agreementTitle:
          filter.agreementId === undefined
            ? null
            : (vault.db.get<{ title: string }>(sql`SELECT title FROM agreement WHERE id = ${filter.agreementId}`)?.title ?? null),
      };
      const pdf = {
        ...names,
        organisation: readRequestSettings(vault.db).organisationName,
        timeZone: vaultTimeZone(vault.db),
        language: language ?? context.vaults.language() ?? 'en',
        filter,
      };
      return { bytes: null, entries: entries.length, pdf: { entries, context: pdf } };
    });
    const bytes = read.pdf === null ? read.bytes : await registerPdf(read.pdf.entries, read.pdf.context, t);
    const sha256 = crypto.hash('sha256', bytes, 'hex');
    const file = outFile === undefined ? null : OutputFile.open(outFile, { overwrite });
    try {
      file?.write(bytes);
      context.vaults.mutate(
        () => ({
          action: 'partners.register_exported',
          objectType: 'extract',
          objectId: null,
          // The filter's ids and the counts: a person's id here says only that their disclosures were listed.
          details: { format, entries: read.entries, bytes: bytes.length, sha256, ...filter },
        }),
        () => undefined,
      );
      const savedTo = file?.commit() ?? null;
      return { fileName: registerFileName(filter, format), savedTo, base64: file === null ? bytes.toString('base64') : null, sha256, entries: read.entries };
    } catch (error) {
      file?.abort();
      throw error;
    }
  },
};
