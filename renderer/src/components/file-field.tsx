/**
 * A file chooser whose button and "no file" text follow the interface language: the native control
 * speaks the browser's language instead. The real <input type="file"> stays underneath (hidden), so
 * the platform dialog and drag-free keyboard use work as usual.
 */
import { useId, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface Props {
  readonly label: string;
  readonly accept?: string;
  readonly disabled?: boolean;
  readonly error?: string | null;
  readonly onChange: (event: ChangeEvent<HTMLInputElement>) => void;
}

export function FileField({ label, accept, disabled, error, onChange }: Props): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  return (
    <div className="field">
      <label htmlFor={id} id={`${id}-label`}>
        {label}
      </label>
      <div className="file-picker">
        <button
          type="button"
          className="button"
          disabled={disabled}
          aria-labelledby={`${id}-label ${id}-button`}
          aria-describedby={`${id}-name${error ? ` ${id}-error` : ''}`}
          id={`${id}-button`}
          onClick={() => input.current?.click()}
        >
          {t('common.chooseFile')}
        </button>
        <span className="file-name" id={`${id}-name`}>
          {fileName ?? t('common.noFile')}
        </span>
      </div>
      <input
        ref={input}
        id={id}
        type="file"
        hidden
        accept={accept}
        disabled={disabled}
        onChange={(event) => {
          setFileName(event.target.files?.[0]?.name ?? null);
          onChange(event);
        }}
      />
      {error ? (
        <div className="field-error" id={`${id}-error`} role="alert">
          {error}
        </div>
      ) : null}
    </div>
  );
}
