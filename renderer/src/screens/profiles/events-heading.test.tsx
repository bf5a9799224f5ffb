import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { testI18n } from '../../i18n/test-translator';
import { EventsHeading } from './events-heading';

async function render(language: 'en' | 'fr', node: ReactNode): Promise<string> {
  return renderToStaticMarkup(<I18nextProvider i18n={await testI18n(language)}>{node}</I18nextProvider>);
}

describe('a person’s timeline heading', () => {
  it('gives the true total and says that only the latest events are shown', async () => {
    const html = await render('en', <EventsHeading id="events" shown={1000} total={12345} />);
    expect(html).toContain('>Events (12,345)</h3>');
    expect(html).toContain('Showing the latest 1,000 of 12,345 events.');
  });

  it('in French, with French number formatting', async () => {
    const html = await render('fr', <EventsHeading id="events" shown={1000} total={12345} />);
    // Intl groups thousands in Quebec French (the default region) with a no-break space.
    expect(html).toContain('>Événements (12\u00a0345)</h3>');
    expect(html).toContain('Affichage des 1\u00a0000 événements les plus récents sur 12\u00a0345.');
  });

  it('says nothing more when every event is shown', async () => {
    const html = await render('en', <EventsHeading id="events" shown={3} total={3} />);
    expect(html).toBe('<h3 class="card-title" id="events">Events (3)</h3>');
  });
});
