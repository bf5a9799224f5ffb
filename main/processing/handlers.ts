/** The processing.* methods behind the contract (docs/processing.md): read and exported by administrators, stewards and auditors. */
import crypto from 'node:crypto';
import type { Language } from '../core/contract-kit';
import type { SliceHandlers } from '../core/handlers';
import { OutputFile } from '../platform/output-file';
import { todayIn } from '../requests/index';
import type { CapabilityContext } from '../vault/index';
import type { processingMethods } from './contract';
import { processingCsv, processingPdf } from './export';
import { buildReport } from './report';
import { processingTranslator } from './translate';

type Handlers = SliceHandlers<typeof processingMethods, CapabilityContext>;

function languageOf(asked: Language | undefined, context: CapabilityContext): Language {
  return asked ?? context.vaults.language() ?? 'en';
}

/** One read transaction: the report shows one state of the vault. */
function readReport(context: CapabilityContext, language: Language) {
  const { db } = context.vaults.current();
  const t = processingTranslator(language);
  return { report: db.transaction(() => buildReport(db, language, context.now(), t)), t };
}

export const processingHandlers: Handlers = {
  'processing.report': ({ language }, context) => readReport(context, languageOf(language, context)).report,
  'processing.export': async ({ format, language: asked, outFile, overwrite }, context) => {
    const language = languageOf(asked, context);
    const { report, t } = readReport(context, language);
    let bytes: Buffer;
    let items: number;
    if (format === 'csv') {
      const csv = processingCsv(report, t);
      bytes = Buffer.from(csv.text, 'utf8');
      items = csv.items;
    } else {
      ({ bytes, items } = await processingPdf(report, t));
    }
    const sha256 = crypto.hash('sha256', bytes, 'hex');
    const file = outFile === undefined ? null : OutputFile.open(outFile, { overwrite });
    try {
      file?.write(bytes);
      context.vaults.mutate(
        () => ({
          action: 'processing.report_exported',
          objectType: 'vault',
          objectId: null,
          // Counts only: the report names sources and partners, which stay in the file.
          details: {
            format,
            language,
            bytes: bytes.length,
            sha256,
            items,
            purposes: report.purposes.length,
            sources: report.sources.length,
            recipients: report.recipients.length,
          },
        }),
        () => undefined,
      );
      const savedTo = file?.commit() ?? null;
      const fileName = `records-of-processing-${todayIn(new Date(report.generatedAt), report.timeZone)}.${format}`;
      return { fileName, savedTo, base64: file === null ? bytes.toString('base64') : null, sha256, items };
    } catch (error) {
      file?.abort();
      throw error;
    }
  },
};
