/**
 * Phone numbers are stored in E.164 (`+33762837924`), which is what matching and search need; people read
 * them grouped as their country writes them (`+33 7 62 83 79 24`). The small metadata set is enough to
 * group digits and keeps the window's bundle light.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';

export function formatPhone(e164: string): string {
  return parsePhoneNumberFromString(e164)?.formatInternational() ?? e164;
}
