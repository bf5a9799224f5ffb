/**
 * Which event types count as a purchase, a contact, a contract's end or an account's closing: the moments
 * rules count from. Everyone reads them; administrators change them, one moment at a time.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnchorTypes } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { TextField } from '../../components/field';
import { Section } from '../../components/section';
import { SubmitButton } from '../../components/submit-button';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { parseEventTypes } from './retention-text';

function AnchorTypesForm({ entry, onSaved }: { readonly entry: AnchorTypes; readonly onSaved: (all: AnchorTypes[]) => void }): ReactNode {
  const { t } = useTranslation();
  const save = useApiAction('retention.setAnchorTypes');
  const [text, setText] = useState(entry.eventTypes.join(', '));
  const anchor = t(`retention.anchors.${entry.anchor}`);

  async function submit(event: FormEvent): Promise<void> {
    event.preventDefault();
    const result = await save.run({ anchor: entry.anchor, eventTypes: parseEventTypes(text) });
    if (result.ok) onSaved(result.value);
  }

  return (
    <form className="form" onSubmit={(event) => void submit(event)} noValidate data-testid="anchor-types-form" data-anchor={entry.anchor}>
      <TextField
        label={t('retention.rules.anchorTypes.label', { anchor })}
        hint={t('retention.rules.anchorTypes.hint')}
        value={text}
        onChange={(event) => setText(event.target.value)}
        disabled={save.busy}
        name={`anchor-${entry.anchor}`}
      />
      <ErrorAlert error={save.error} />
      <div className="form-actions start">
        <SubmitButton busy={save.busy} aria-label={t('retention.rules.anchorTypes.saveNamed', { anchor })}>
          {t('retention.rules.anchorTypes.save')}
        </SubmitButton>
      </div>
    </form>
  );
}

export function AnchorTypesSection({ canEdit, onChanged }: { readonly canEdit: boolean; readonly onChanged: () => void }): ReactNode {
  const { t } = useTranslation();
  const types = useApiData('retention.anchorTypes', {});
  const [saved, setSaved] = useState<string | null>(null);
  return (
    <Section title={t('retention.rules.anchorTypes.title')} description={t('retention.rules.anchorTypes.description')} id="retention-anchor-types">
      <div className="stack" data-testid="anchor-types">
        {saved !== null ? <Notice tone="success">{saved}</Notice> : null}
        <ErrorAlert error={types.error} />
        {(types.data ?? []).map((entry) =>
          canEdit ? (
            <AnchorTypesForm
              key={`${entry.anchor}:${entry.eventTypes.join(',')}`}
              entry={entry}
              onSaved={() => {
                setSaved(t('retention.rules.anchorTypes.saved', { anchor: t(`retention.anchors.${entry.anchor}`) }));
                types.reload();
                onChanged();
              }}
            />
          ) : (
            <div key={entry.anchor} data-anchor={entry.anchor}>
              <h3 className="card-title">{t(`retention.anchors.${entry.anchor}`)}</h3>
              <p className="muted">{entry.eventTypes.length === 0 ? t('retention.rules.anchorTypes.none') : entry.eventTypes.join(', ')}</p>
            </div>
          ),
        )}
      </div>
    </Section>
  );
}
