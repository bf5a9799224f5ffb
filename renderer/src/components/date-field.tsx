/**
 * A day typed in the region's order, with that order written beside it (`AAAA-MM-JJ`) and, once typed,
 * the day read back in words, so `07/12/2026` can never be taken for July. The form holds `YYYY-MM-DD`
 * (or '' while nothing valid is typed), as it did with <input type="date">.
 */
import { useEffect, useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { dayOrder, dayText, parseDay } from '../lib/day-input';
import { formatWhen } from '../lib/format';
import { currentRegion } from '../lib/region';
import { FieldNotes, describedBy } from './field';

export function DateField({ label, value, onChange }: { readonly label: ReactNode; readonly value: string; readonly onChange: (day: string) => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const id = useId();
  const order = dayOrder(currentRegion());
  const pattern = t(`dates.pattern.${order}`);
  const [text, setText] = useState(() => dayText(value, order));
  const [touched, setTouched] = useState(false);
  const parsed = parseDay(text, order);

  // A value set from outside (the filters reset), or the region changed: show the value in the order
  // now asked for. Not on every keystroke: `2026-12-1` on its way to `2026-12-15` is left as typed.
  const shownOrder = useRef(order);
  useEffect(() => {
    if (shownOrder.current !== order || (parseDay(text, order) ?? '') !== value) setText(dayText(value, order));
    shownOrder.current = order;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- what is being typed is not a reason to reset it
  }, [value, order]);

  const error = touched && text.trim() !== '' && !parsed ? t('dates.invalid', { pattern }) : null;
  const hint = parsed ? t('dates.hintRead', { pattern, date: formatWhen(parsed, i18n.language) }) : t('dates.hint', { pattern });
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        autoComplete="off"
        spellCheck={false}
        placeholder={pattern}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => {
          setText(event.target.value);
          setTouched(false);
          onChange(parseDay(event.target.value, order) ?? '');
        }}
        onBlur={() => setTouched(true)}
      />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
