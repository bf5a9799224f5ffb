/**
 * The table of a person's consent, one row per purpose: state, basis, since, whether the data may be used
 * for it now and why (not) (consent.mayUse's answer), the events behind it, and
 * Grant, Withdraw and Object side by side (withdrawing is as near as granting).
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentState, Purpose, PurposeState } from '../../../../main/api/contract';
import { formatWhen } from '../../lib/format';
import { purposeName } from '../../lib/purpose-name';
import type { RecordedKind } from './consent-dialog';
import { ConsentEvents } from './consent-events';

const STATE_BADGE: Readonly<Record<ConsentState, string>> = { granted: 'badge-ok', withdrawn: 'badge-off', expired: 'badge-off', objected: 'badge-off', none: '' };

const ACTIONS: readonly { readonly kind: RecordedKind; readonly label: 'grant' | 'withdraw' | 'object' }[] = [
  { kind: 'grant', label: 'grant' },
  { kind: 'withdrawal', label: 'withdraw' },
  { kind: 'objection', label: 'object' },
];

function Row({ state, purpose, onRecord }: { readonly state: PurposeState; readonly purpose: Purpose | undefined; readonly onRecord: (kind: RecordedKind) => void }): ReactNode {
  const { t, i18n } = useTranslation();
  const name = purposeName(purpose, state.purpose, i18n.language);
  // Consent can be given or withdrawn only where it may be the basis; anyone may object to any purpose.
  const consentBased = purpose?.bases.includes('consent') ?? false;
  return (
    <tr data-testid={`consent-${state.purpose}`}>
      <th scope="row">
        {name}
        <div className="muted small">
          <code>{state.purpose}</code>
        </div>
      </th>
      <td>
        <span className={`badge ${STATE_BADGE[state.state]}`}>{t(`consent.states.${state.state}`)}</span>
      </td>
      <td>{state.basis === null ? <span className="muted">{t('consent.noBasis')}</span> : t(`lawfulBasis.${state.basis}`)}</td>
      <td>{state.since === null ? '' : formatWhen(state.since, i18n.language)}</td>
      <td data-testid={`use-${state.purpose}`} data-allowed={state.use.allowed}>
        {t(state.use.allowed ? 'consent.useYes' : 'consent.useNo', { reason: t(`consent.useReasons.${state.use.reason}`) })}
      </td>
      <td>
        <ConsentEvents events={state.events} />
      </td>
      <td className="cell-actions">
        <div className="consent-actions">
          {ACTIONS.filter((action) => action.kind === 'objection' || consentBased).map((action) => (
            <button key={action.kind} type="button" className="button button-small" aria-label={t(`consent.${action.label}Label`, { purpose: name })} onClick={() => onRecord(action.kind)}>
              {t(`consent.${action.label}`)}
            </button>
          ))}
        </div>
      </td>
    </tr>
  );
}

interface TableProps {
  readonly states: readonly PurposeState[];
  readonly purposes: ReadonlyMap<string, Purpose>;
  readonly onRecord: (state: PurposeState, kind: RecordedKind) => void;
}

export function ConsentTable({ states, purposes, onRecord }: TableProps): ReactNode {
  const { t } = useTranslation();
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{t('consent.tableLabel')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('consent.purpose')}</th>
            <th scope="col">{t('consent.state')}</th>
            <th scope="col">{t('consent.basis')}</th>
            <th scope="col">{t('consent.since')}</th>
            <th scope="col">{t('consent.use')}</th>
            <th scope="col">{t('consent.eventsColumn')}</th>
            <th scope="col">{t('consent.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {states.map((state) => (
            <Row key={state.purpose} state={state} purpose={purposes.get(state.purpose)} onRecord={(kind) => onRecord(state, kind)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
