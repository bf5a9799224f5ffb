/**
 * Entry point. The vault status is read before the first render so the interface starts in the saved
 * language and region, and on the right screen, without a flash of the wrong one.
 */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api } from './api/client';
import { App } from './app';
import { applyRegion, initI18n, initialLanguage } from './i18n';
import './styles/app.css';

async function bootstrap(): Promise<void> {
  const initial = await api.call('vault.status', {});
  await initI18n(initialLanguage(initial.ok ? initial.value.language : null, navigator.languages));
  applyRegion(initial.ok ? initial.value.region : null);
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App initial={initial} />
    </StrictMode>,
  );
}

void bootstrap();
