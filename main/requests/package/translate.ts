/**
 * The words of the report. A capability may not import main/i18n (docs/architecture.md): the composition
 * that has both (main/backend) plugs the translator in, as it plugs identity's naming into ingest.
 */
import type { Translate } from './report';

type TranslatorFor = (language: string) => Translate;

let plugged: TranslatorFor | null = null;

export function setPackageTranslator(translatorFor: TranslatorFor | null): void {
  plugged = translatorFor;
}

export function packageTranslator(language: string): Translate {
  if (plugged === null) throw new Error('No translator is plugged into the access package (main/backend does it at start).');
  return plugged(language);
}
