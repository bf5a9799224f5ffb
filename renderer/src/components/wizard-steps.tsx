/** Where a multi-step task stands: the steps in order, the current one marked for screen readers too. */
import type { ReactNode } from 'react';

export interface WizardStep<K extends string> {
  readonly key: K;
  readonly label: string;
}

export function WizardSteps<K extends string>({
  label,
  steps,
  current,
}: {
  readonly label: string;
  readonly steps: readonly WizardStep<K>[];
  readonly current: K;
}): ReactNode {
  const currentIndex = steps.findIndex((step) => step.key === current);
  return (
    <nav aria-label={label}>
      <ol className="wizard-steps">
        {steps.map((step, index) => (
          <li
            key={step.key}
            className={index < currentIndex ? 'done' : index === currentIndex ? 'current' : undefined}
            aria-current={index === currentIndex ? 'step' : undefined}
            data-step={step.key}
          >
            <span className="wizard-step-number" aria-hidden="true">
              {index + 1}
            </span>
            <span className="wizard-step-label">{step.label}</span>
          </li>
        ))}
      </ol>
    </nav>
  );
}
