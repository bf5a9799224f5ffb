/**
 * Below the mapping table: the columns of the sample rows that have no line yet (`name.given`,
 * `orders[].placed_at`), for the steward to add what the suggestion left out. A third party's details
 * (`orders[].ship_to.name`) are offered too, marked as such: the steward decides, knowing whose they are.
 */
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isThirdPartyPath } from '../../../../main/api/contract';
import { SelectField } from '../../components/field';
import { addablePaths, type MappingDraft } from '../../lib/mapping';
import type { FilePreview } from './import-types';

interface Props {
  readonly rows: FilePreview['rows'];
  readonly draft: MappingDraft;
  readonly onAdd: (column: string) => void;
}

export function AddColumn({ rows, draft, onAdd }: Props): ReactNode {
  const { t } = useTranslation();
  const [chosen, setChosen] = useState('');
  const paths = addablePaths(rows, draft);
  if (paths.length === 0) return null;
  // Once added (or gone with a new file), the choice is no longer offered.
  const value = paths.includes(chosen) ? chosen : '';
  return (
    <div className="form inline-form" data-testid="mapping-add-column">
      <SelectField
        label={t('import.mapping.addColumn.label')}
        hint={t('import.mapping.addColumn.hint')}
        value={value}
        onChange={(event) => setChosen(event.target.value)}
      >
        <option value="">{t('import.mapping.addColumn.choose')}</option>
        {paths.map((path) => (
          <option key={path} value={path}>
            {isThirdPartyPath(path) ? t('import.mapping.addColumn.thirdParty', { column: path }) : path}
          </option>
        ))}
      </SelectField>
      <button type="button" className="button" disabled={value === ''} onClick={() => onAdd(value)}>
        {t('import.mapping.addColumn.add')}
      </button>
    </div>
  );
}
