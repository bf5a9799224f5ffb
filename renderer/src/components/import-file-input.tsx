/**
 * The hidden input behind a "Choose a file…" button for files Custodia can read (the import wizard, a
 * source's sample values): the button calls `click()` on it through `ref`.
 */
import type { ReactNode, Ref } from 'react';

export const ACCEPTED_FILES =
  '.csv,.tsv,.tab,.txt,.json,.ndjson,.jsonl,.xlsx,text/csv,text/tab-separated-values,application/json,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Props {
  readonly ref: Ref<HTMLInputElement>;
  readonly label: string;
  readonly testId: string;
  readonly onFile: (file: File) => void;
}

export function ImportFileInput({ ref, label, testId, onFile }: Props): ReactNode {
  return (
    <input
      ref={ref}
      type="file"
      hidden
      accept={ACCEPTED_FILES}
      aria-label={label}
      data-testid={testId}
      onChange={(event) => {
        const file = event.target.files?.[0];
        // Cleared so that choosing the same file again (changed on disk meanwhile) reads it again.
        event.target.value = '';
        if (file) onFile(file);
      }}
    />
  );
}
