/**
 * The report's words. A capability may not import main/i18n (docs/architecture.md): the backend plugs the
 * translator in at start, as it does for the partner register and the erasure certificate.
 */
import type { Translate } from '../requests/index';

type TranslatorFor = (language: string) => Translate;

let plugged: TranslatorFor | null = null;

export function setProcessingTranslator(translatorFor: TranslatorFor | null): void {
  plugged = translatorFor;
}

export function processingTranslator(language: string): Translate {
  if (plugged === null) throw new Error('No translator is plugged into the records of processing (main/backend does it at start).');
  return plugged(language);
}
