/**
 * The register export's words. A capability may not import main/i18n (docs/architecture.md): the backend plugs
 * the translator in at start, as it does for the access package and the erasure certificate.
 */
import type { Translate } from '../../requests/index';

type TranslatorFor = (language: string) => Translate;

let plugged: TranslatorFor | null = null;

export function setRegisterTranslator(translatorFor: TranslatorFor | null): void {
  plugged = translatorFor;
}

export function registerTranslator(language: string): Translate {
  if (plugged === null) throw new Error('No translator is plugged into the partner register (main/backend does it at start).');
  return plugged(language);
}
