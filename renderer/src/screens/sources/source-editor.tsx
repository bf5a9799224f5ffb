/**
 * A source's declaration and saved mapping, changed from the Sources screen without importing a file.
 * Saving sends what changed through sources.save, which audits it; the next import of the source starts
 * from the mapping saved here. A file chosen for sample values goes through import.preview only.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { Source } from '../../../../main/api/contract';
import { api, type ClientResult } from '../../api/client';
import { declarationOf, type Declaration } from '../../components/declaration-fields';
import { useAction, useApiAction } from '../../hooks/use-action';
import type { MappingDraft } from '../../lib/mapping';
import { draftOverHeaders, inCountry, initialDraft, saveInput } from '../../lib/source-edit';
import { draftProblem } from '../import/mapping-step';
import { SourceEditPanel, type Sample } from './source-edit-panel';

interface Props {
  readonly source: Source;
  /** `saved`: the changes were stored; `unchanged`: there were none to store; null: cancelled. */
  readonly onClose: (outcome: 'saved' | 'unchanged' | null) => void;
}

export function SourceEditor({ source, onClose }: Props): ReactNode {
  const save = useApiAction('sources.save');
  const [declaration, setDeclaration] = useState<Declaration>(() => declarationOf(source));
  const [draft, setDraft] = useState<MappingDraft | null>(() => initialDraft(source));
  const [sample, setSample] = useState<Sample | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const container = useRef<HTMLDivElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from the row's button: the keyboard lands on the panel's title.
  useEffect(() => heading.current?.focus(), []);

  const readSample = useAction(
    useCallback(
      async (file: File): Promise<ClientResult<Sample>> => {
        const staged = await api.stageFile(file);
        if (!staged.ok) return staged;
        // Read as the source's files are (its saved sheet or list), so the values are the ones an import would take.
        const read = await api.call('import.preview', { file: staged.value.path, source: source.name });
        // Its first rows were all the editor needed: the copy (browser mode) holds personal data in the clear.
        void api.discardFile(staged.value);
        return read.ok ? { ok: true, value: { fileName: staged.value.name, preview: read.value } } : read;
      },
      [source.name],
    ),
  );

  async function chooseSample(file: File): Promise<void> {
    const result = await readSample.run(file);
    if (!result.ok) return;
    setSample(result.value);
    setDraft((current) => (current ? draftOverHeaders(current, result.value.preview.headers) : current));
  }

  // One country for the source and its mapping: each follows the other (the backend would move the mapping's anyway).
  function changeDeclaration(next: Declaration): void {
    setDeclaration(next);
    setDraft((current) => (current ? inCountry(current, next.defaultCountry) : current));
  }

  function changeDraft(next: MappingDraft): void {
    if (next.defaultCountry !== draft?.defaultCountry) setDeclaration((current) => ({ ...current, defaultCountry: next.defaultCountry }));
    setDraft(next);
  }

  async function submit(): Promise<void> {
    setShowErrors(true);
    if (declaration.purposes.length === 0 || (draft && draftProblem(draft) !== null)) {
      // A field that says what is wrong takes the focus; a problem of the whole mapping is announced as an alert.
      requestAnimationFrame(() => container.current?.querySelector<HTMLElement>('[aria-invalid="true"], fieldset[aria-describedby*="error"] input')?.focus());
      return;
    }
    const input = saveInput(source, declaration, draft);
    if (input === null) {
      onClose('unchanged');
      return;
    }
    const result = await save.run(input);
    if (result.ok) onClose('saved');
  }

  return (
    <div ref={container}>
      <SourceEditPanel
        source={source}
        declaration={declaration}
        draft={draft}
        sample={sample}
        reading={readSample.busy}
        sampleError={readSample.error}
        showErrors={showErrors}
        saving={save.busy}
        saveError={save.error}
        headingRef={heading}
        onDeclaration={changeDeclaration}
        onDraft={changeDraft}
        onSampleFile={(file) => void chooseSample(file)}
        onCancel={() => onClose(null)}
        onSave={() => void submit()}
      />
    </div>
  );
}
