/** The field an irreversible erasure asks to be typed into (a person's number, or how many people): one for the single and the bulk erasure. */
import type { ReactNode } from 'react';

interface Props {
  readonly id: string;
  readonly label: string;
  readonly hint: string;
  readonly value: string;
  readonly disabled: boolean;
  readonly onChange: (value: string) => void;
  readonly testId: string;
}

export function TypedConfirmation({ id, label, hint, value, disabled, onChange, testId }: Props): ReactNode {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="text"
        inputMode="numeric"
        autoComplete="off"
        spellCheck={false}
        value={value}
        disabled={disabled}
        aria-describedby={`${id}-hint`}
        onChange={(event) => onChange(event.target.value)}
        data-testid={testId}
      />
      <div className="field-hint" id={`${id}-hint`}>
        {hint}
      </div>
    </div>
  );
}
