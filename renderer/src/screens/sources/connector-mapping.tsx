/**
 * A connector's mapping, reviewed and changed from its card. The connector is read as a test reads it (up
 * to 20 rows, audited as a test), and the mapping it uses (the saved one, or before the first sync the one
 * that sync would save) opens in the import's mapping editor, each column next to its sample values. Saving
 * sends the mapping alone through connectors.update, which audits it as a change of the connector.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Connector, MethodOutput } from '../../../../main/api/contract';
import { ErrorAlert, Notice } from '../../components/alert';
import { useApiAction } from '../../hooks/use-action';
import { useApiData } from '../../hooks/use-api-data';
import { draftFromMapping, mappingFromDraft, type MappingDraft } from '../../lib/mapping';
import { draftProblem, MappingStep } from '../import/mapping-step';
import { ConnectorTestResult } from './connector-test-result';
import { ProbeNote } from './probe-note';

type TestReply = MethodOutput<'connectors.test'>;

interface Props {
  readonly connector: Connector;
  /** `saved`: the mapping was stored; `unchanged`: the saved mapping was kept as it was; null: cancelled. */
  readonly onClose: (outcome: 'saved' | 'unchanged' | null) => void;
}

export function ConnectorMapping({ connector, onClose }: Props): ReactNode {
  const { t } = useTranslation();
  const read = useApiData('connectors.test', { name: connector.name });
  const update = useApiAction('connectors.update');
  const [draft, setDraft] = useState<MappingDraft | null>(null);
  const [draftFor, setDraftFor] = useState<TestReply | null>(null);
  const [showErrors, setShowErrors] = useState(false);
  const container = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  // Opened from the card's button: the keyboard lands on the panel's title.
  useEffect(() => heading.current?.focus(), []);

  // Each reading of the connector (the first, or "Read again") starts the editor from the mapping it returned.
  const reply = read.data;
  if (reply && reply !== draftFor) {
    setDraftFor(reply);
    setDraft(draftFromMapping(reply.headers, reply.mapping));
    setShowErrors(false);
  }

  async function save(): Promise<void> {
    if (!reply || !draft) return;
    setShowErrors(true);
    if (draftProblem(draft) !== null) {
      // A field that says what is wrong takes the focus; a problem of the whole mapping is announced as an alert.
      requestAnimationFrame(() => container.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    const mapping = mappingFromDraft(draft);
    // A suggestion saved as it is still counts: it is the steward's decision to keep it.
    if (reply.mappingFrom === 'source' && JSON.stringify(mapping) === JSON.stringify(mappingFromDraft(draftFromMapping(reply.headers, reply.mapping)))) {
      onClose('unchanged');
      return;
    }
    const result = await update.run({ name: connector.name, mapping });
    if (result.ok) onClose('saved');
  }

  const nothingToReview = reply !== null && reply.mappingFrom === 'suggested' && reply.mapping.columns.length === 0;

  return (
    <section ref={container} className="stack" aria-labelledby={`mapping-${connector.id}`} data-testid="connector-mapping">
      <h3 className="subheading" id={`mapping-${connector.id}`} tabIndex={-1} ref={heading}>
        {t('connectors.mapping.title', { name: connector.name })}
      </h3>
      {read.loading ? (
        <p className="muted" role="status">
          {t('connectors.mapping.reading')}
        </p>
      ) : null}
      <ErrorAlert error={read.error} />
      {reply && !read.loading ? (
        <details className="connector-config" data-testid="connector-mapping-rows">
          <summary>{t('connectors.mapping.rows', { count: reply.rows.length })}</summary>
          <ConnectorTestResult result={reply} where="mapping" />
        </details>
      ) : null}
      {reply && !read.loading ? <ProbeNote result={reply} className="form-note" /> : null}
      {nothingToReview ? <Notice tone="warning">{t('connectors.mapping.nothing')}</Notice> : null}
      {reply && draft && !read.loading && !nothingToReview ? (
        <MappingStep
          preview={reply}
          draft={draft}
          mappingFrom={reply.mappingFrom}
          sourceName={connector.name}
          showErrors={showErrors}
          busy={update.busy}
          labels={{
            notice: t(reply.mappingFrom === 'source' ? 'connectors.mapping.fromSource' : 'connectors.mapping.suggested', { name: connector.name }),
            whole: t('connectors.mapping.whole'),
            back: t('common.cancel'),
            run: t('connectors.mapping.save'),
            notInSample: t('connectors.mapping.notInRows'),
            missingColumns: (count, columns) => t('connectors.mapping.missingColumns', { count, columns }),
          }}
          onChange={setDraft}
          onBack={() => onClose(null)}
          onRun={() => void save()}
        />
      ) : null}
      <ErrorAlert error={update.error} />
      {/* Without an editor on screen there is nothing to lose: the connector can be read again (a file dropped since). */}
      {read.loading || (reply && draft && !nothingToReview) ? null : (
        <div className="form-actions start">
          <button type="button" className="button" onClick={read.reload}>
            {t('connectors.mapping.readAgain')}
          </button>
          <button type="button" className="button" onClick={() => onClose(null)}>
            {t('common.cancel')}
          </button>
        </div>
      )}
    </section>
  );
}
