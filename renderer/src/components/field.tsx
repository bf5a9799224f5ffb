/**
 * Labelled form controls. Every control gets a real <label>, and its hint and error are tied to it with
 * aria-describedby so a screen reader reads them with the field.
 */
import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes } from 'react';

interface FieldFrameProps {
  readonly label: ReactNode;
  readonly hint?: ReactNode;
  readonly error?: string | null;
  readonly className?: string;
}

/** A note shown between a field's hint and its error, such as a Caps Lock warning; `key` names its id. */
export interface FieldWarning {
  readonly key: string;
  readonly text: ReactNode;
  readonly testId?: string;
}

/** The ids of the notes a field shows, for its aria-describedby. */
export function describedBy(id: string, hint: ReactNode, error: string | null | undefined, warning?: FieldWarning | null): string | undefined {
  const ids = [hint ? `${id}-hint` : null, warning ? `${id}-${warning.key}` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

/** A field's hint, warning and error, each with the id describedBy() names. */
export function FieldNotes({
  id,
  hint,
  error,
  warning,
}: {
  readonly id: string;
  readonly hint: ReactNode;
  readonly error: string | null | undefined;
  readonly warning?: FieldWarning | null;
}): ReactNode {
  return (
    <>
      {hint ? (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
      {warning ? (
        <div className="field-warning" id={`${id}-${warning.key}`} role="status" data-testid={warning.testId}>
          {warning.text}
        </div>
      ) : null}
      {error ? (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      ) : null}
    </>
  );
}

export function TextField({ label, hint, error, className, ...input }: FieldFrameProps & InputHTMLAttributes<HTMLInputElement>): ReactNode {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...input} />
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}

export function SelectField({ label, hint, error, className, children, ...select }: FieldFrameProps & SelectHTMLAttributes<HTMLSelectElement>): ReactNode {
  const id = useId();
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <select id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {children}
      </select>
      <FieldNotes id={id} hint={hint} error={error} />
    </div>
  );
}
