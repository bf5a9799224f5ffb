/** A group of on/off choices (the comparisons, the blocking keys), as a fieldset of checkboxes. */
import type { ReactNode } from 'react';

interface Props {
  readonly legend: string;
  readonly hint: string;
  readonly names: readonly string[];
  readonly chosen: readonly string[];
  readonly label: (name: string) => string;
  readonly disabled: boolean;
  readonly onChange: (chosen: string[]) => void;
  readonly testId: string;
}

export function SettingsChoices({ legend, hint, names, chosen, label, disabled, onChange, testId }: Props): ReactNode {
  return (
    <fieldset className="settings-choices" data-testid={testId}>
      <legend>{legend}</legend>
      <p className="field-hint">{hint}</p>
      <div className="choice-grid">
        {names.map((name) => (
          <label key={name} className="checkbox">
            <input
              type="checkbox"
              checked={chosen.includes(name)}
              disabled={disabled}
              // The model's order is kept whatever order the boxes were ticked in.
              onChange={(event) => onChange(names.filter((other) => (other === name ? event.target.checked : chosen.includes(other))))}
            />
            <span>{label(name)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
