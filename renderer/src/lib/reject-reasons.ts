/**
 * A rejected row's reasons as the steward reads them: translated where the backend gave a code, as
 * written (in English, and marked so) where it did not.
 */
import type { TFunction } from 'i18next';
import type { ReasonDetail } from '../../../main/api/contract';

export interface ShownReason {
  readonly text: string;
  /** The language the text is in: the interface's, or English for a reason without a code. */
  readonly lang: string | undefined;
}

export function shownReasons(t: TFunction, reasons: readonly string[], details: readonly (ReasonDetail | null)[] | undefined): ShownReason[] {
  return reasons.map((reason, index) => {
    const detail = details?.[index] ?? null;
    if (detail === null) return { text: reason, lang: 'en' };
    return { text: t(`import.rejects.reason.${detail.code}`, { ...detail.params, defaultValue: reason }), lang: undefined };
  });
}
