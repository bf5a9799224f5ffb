/**
 * What the editor of a source shows: the declaration, and for a file source its saved mapping in the
 * import's mapping editor. No file is at hand, so the mapping's own columns are listed without values
 * until the steward chooses a file to read a few rows from; nothing of that file is imported. A
 * connector's mapping is left to its card, where it is reviewed next to the rows the connector reads.
 */
import { useId, useRef, type KeyboardEvent, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import type { Source } from '../../../../main/api/contract';
import type { ClientError } from '../../api/client';
import { ErrorAlert, Notice } from '../../components/alert';
import { DeclarationFields, type Declaration } from '../../components/declaration-fields';
import type { MappingDraft } from '../../lib/mapping';
import { describeReadOptions } from '../../lib/read-options';
import { ImportFileInput } from '../../components/import-file-input';
import { ImportError } from '../import/import-error';
import type { FilePreview } from '../import/import-types';
import { MappingStep } from '../import/mapping-step';

/** Rows read from a file the steward chose, to see values next to the columns. */
export interface Sample {
  readonly fileName: string;
  readonly preview: Pick<FilePreview, 'headers' | 'rows'>;
}

interface Props {
  readonly source: Source;
  readonly declaration: Declaration;
  /** The mapping being edited; null where this editor does not edit one. */
  readonly draft: MappingDraft | null;
  readonly sample: Sample | null;
  readonly reading: boolean;
  readonly sampleError: ClientError | null;
  readonly showErrors: boolean;
  readonly saving: boolean;
  readonly saveError: ClientError | null;
  readonly headingRef?: Ref<HTMLHeadingElement>;
  readonly onDeclaration: (declaration: Declaration) => void;
  readonly onDraft: (draft: MappingDraft) => void;
  readonly onSampleFile: (file: File) => void;
  readonly onCancel: () => void;
  readonly onSave: () => void;
}

function SampleChooser({
  reading,
  disabled,
  onFile,
}: {
  readonly reading: boolean;
  readonly disabled: boolean;
  readonly onFile: (file: File) => void;
}): ReactNode {
  const { t } = useTranslation();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  return (
    <div className="stack">
      <div className="form-actions start">
        <button
          type="button"
          className="button"
          disabled={disabled || reading}
          aria-busy={reading || undefined}
          aria-describedby={`${id}-hint`}
          onClick={() => input.current?.click()}
        >
          {t('sources.edit.sampleChoose')}
        </button>
        <ImportFileInput ref={input} label={t('sources.edit.sampleChoose')} testId="source-sample-input" onFile={onFile} />
      </div>
      <p className="form-note" id={`${id}-hint`} role={reading ? 'status' : undefined}>
        {reading ? t('sources.edit.sampleReading') : t('sources.edit.sampleHint')}
      </p>
    </div>
  );
}

export function SourceEditPanel(props: Props): ReactNode {
  const { source, declaration, draft, sample, reading, sampleError, showErrors, saving, saveError, headingRef } = props;
  const { t } = useTranslation();
  const id = useId();

  function onKeyDown(event: KeyboardEvent<HTMLElement>): void {
    if (event.key !== 'Escape' || event.defaultPrevented) return;
    event.preventDefault();
    props.onCancel();
  }

  return (
    <section className="card stack source-editor" aria-labelledby={`${id}-title`} data-testid="source-editor" onKeyDown={onKeyDown}>
      <h2 className="card-title" id={`${id}-title`} tabIndex={-1} ref={headingRef}>
        {t('sources.edit.title', { name: source.name })}
      </h2>
      <p className="form-note">{t('sources.edit.intro')}</p>
      <h3 className="subheading">{t('sources.edit.declaration')}</h3>
      <DeclarationFields value={declaration} onChange={props.onDeclaration} disabled={saving} showErrors={showErrors} />
      {draft ? (
        <>
          <h3 className="subheading">{t('sources.edit.mapping')}</h3>
          {source.readOptions ? (
            <p className="form-note" data-testid="source-read-options">
              {t('sources.edit.readOptions', { name: source.name, options: describeReadOptions(t, source.readOptions) })}
            </p>
          ) : null}
          <SampleChooser reading={reading} disabled={saving} onFile={props.onSampleFile} />
          <ImportError error={sampleError} context="read" testId="source-sample-error" />
          <MappingStep
            preview={sample?.preview ?? { headers: draft.rows.map((row) => row.column), rows: [] }}
            draft={draft}
            mappingFrom="source"
            sourceName={source.name}
            showErrors={showErrors}
            busy={saving}
            labels={{
              notice: sample ? t('sources.edit.sampleFrom', { file: sample.fileName }) : t('sources.edit.savedMapping', { name: source.name }),
              whole: t('sources.edit.whole'),
              back: t('common.cancel'),
              run: t('sources.edit.save'),
              ...(sample ? {} : { noSamples: t('sources.edit.noFile') }),
            }}
            onChange={props.onDraft}
            onBack={props.onCancel}
            onRun={props.onSave}
          />
          <ErrorAlert error={saveError} />
        </>
      ) : (
        <>
          {source.kind === 'file' ? null : <Notice tone="info">{t('sources.edit.connectorMapping', { name: source.name })}</Notice>}
          <ErrorAlert error={saveError} />
          <div className="form-actions start">
            <button type="button" className="button button-primary" disabled={saving} aria-busy={saving || undefined} onClick={props.onSave}>
              {t('sources.edit.save')}
            </button>
            <button type="button" className="button" onClick={props.onCancel}>
              {t('common.cancel')}
            </button>
          </div>
        </>
      )}
    </section>
  );
}
