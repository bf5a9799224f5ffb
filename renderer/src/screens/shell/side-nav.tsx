import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Area } from '../../session/areas';

export function SideNav({
  areas,
  current,
  onSelect,
}: {
  readonly areas: readonly Area[];
  readonly current: Area;
  readonly onSelect: (area: Area) => void;
}): ReactNode {
  const { t } = useTranslation();
  return (
    <nav className="side-nav" aria-label={t('shell.navigation')}>
      <ul>
        {areas.map((area) => (
          <li key={area}>
            <button type="button" className="nav-item" aria-current={area === current ? 'page' : undefined} onClick={() => onSelect(area)} data-area={area}>
              {t(`shell.areas.${area}`)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
