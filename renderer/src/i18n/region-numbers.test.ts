/** Numbers inside sentences (`{{max, number}}`) follow the region like every other number. */
import i18next from 'i18next';
import { afterAll, describe, expect, it } from 'vitest';
import { applyRegion, initI18n } from './index';

describe('numbers in sentences', () => {
  afterAll(() => applyRegion(null));

  it('are written the region’s way', async () => {
    Object.assign(globalThis, { document: { documentElement: { lang: '' } } });
    await initI18n('fr');
    const say = () => i18next.t('errors.FILE_TOO_LARGE_memory', { max: 1024 });
    expect(say()).toContain('les 1\u00a0024 Mo');
    applyRegion('US');
    // French in the United States: Intl's fr-US groups with a narrow no-break space, fr-CA with a no-break space.
    expect(say()).toContain('les 1\u202f024 Mo');
  });
});
