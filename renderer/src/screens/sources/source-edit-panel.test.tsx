import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import type { Source } from '../../../../main/api/contract';
import { declarationOf } from '../../components/declaration-fields';
import { testI18n } from '../../i18n/test-translator';
import { draftOverHeaders, initialDraft } from '../../lib/source-edit';
import { SourceEditPanel, type Sample } from './source-edit-panel';
import { SourcesRegister } from './sources-register';

async function render(language: 'en' | 'fr', node: ReactNode): Promise<string> {
  return renderToStaticMarkup(<I18nextProvider i18n={await testI18n(language)}>{node}</I18nextProvider>);
}

const BOUTIQUE: Source = {
  id: 1,
  name: 'Boutique',
  kind: 'file',
  purposes: [{ purpose: 'customer relationship', basis: 'contract' }],
  lawfulBasis: 'contract',
  defaultCountry: 'CA',
  mapping: {
    version: 1,
    columns: [
      { column: 'no_client', field: 'sourceRecordId' },
      { column: 'courriel', field: 'email' },
    ],
    recordKey: 'no_client',
    dateFormat: 'YYYY-MM-DD',
    birthDateFormat: 'YYYY-MM-DD',
    defaultCountry: 'CA',
  },
  readOptions: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  lastRun: null,
};

const ignore = (): void => undefined;

function panel(source: Source, sample: Sample | null = null): ReactNode {
  const opened = initialDraft(source);
  const draft = opened && sample ? draftOverHeaders(opened, sample.preview.headers) : opened;
  return (
    <SourceEditPanel
      source={source}
      declaration={declarationOf(source)}
      draft={draft}
      sample={sample}
      reading={false}
      sampleError={null}
      showErrors={false}
      saving={false}
      saveError={null}
      onDeclaration={ignore}
      onDraft={ignore}
      onSampleFile={ignore}
      onCancel={ignore}
      onSave={ignore}
    />
  );
}

describe('the editor of a source', () => {
  it('shows a file source’s saved columns without values until a file is chosen', async () => {
    const html = await render('en', panel(BOUTIQUE));
    expect(html).toContain('Edit the source “Boutique”');
    expect(html).toContain('Show sample values from a file…');
    expect(html).toContain('This is the mapping saved with “Boutique”');
    expect(html.match(/<tr data-column="[^"]+"/g)).toEqual(['<tr data-column="no_client"', '<tr data-column="courriel"']);
    expect(html.match(/no file chosen/g)).toHaveLength(2);
    expect(html).toContain('Save the changes');
  });

  it('shows a chosen file’s values next to the mapping, and its other columns to map', async () => {
    const sample: Sample = {
      fileName: 'clients.csv',
      preview: {
        headers: ['no_client', 'prénom', 'courriel'],
        rows: [{ line: 2, values: { no_client: '1001', prénom: 'Hélène', courriel: 'helene@exemple.ca' } }],
      },
    };
    const html = await render('fr', panel(BOUTIQUE, sample));
    expect(html).toContain('Valeurs tirées des premières lignes de clients.csv');
    expect(html).toContain('helene@exemple.ca');
    expect(html).toContain('<tr data-column="prénom" class="row-unmapped"');
    expect(html).not.toContain('aucun fichier choisi');
  });

  it('says how the source’s next file is read, when its last one was read with options chosen for it', async () => {
    expect(await render('en', panel(BOUTIQUE))).not.toContain('data-testid="source-read-options"');
    const saved = { ...BOUTIQUE, readOptions: { sheet: 'Clients', encoding: 'windows-1252' } };
    expect(await render('en', panel(saved))).toContain(
      'The next file imported into “Boutique” is read as its last one: sheet “Clients”, encoding Windows-1252 (Western Europe).',
    );
    expect(await render('fr', panel(saved))).toContain(
      'Le prochain fichier importé dans «\u00a0Boutique\u00a0» est lu comme le dernier\u00a0: feuille «\u00a0Clients\u00a0», encodage Windows-1252 (Europe occidentale).',
    );
  });

  it('edits only the declaration of a connector’s source, and sends the steward to its card for the mapping', async () => {
    const html = await render('fr', panel({ ...BOUTIQUE, name: 'CRM', kind: 'postgres' }));
    expect(html).toContain('Modifier la source «\u00a0CRM\u00a0»');
    expect(html).toContain('choisissez «\u00a0Revoir la correspondance\u00a0» sur sa fiche');
    expect(html).not.toContain('data-testid="mapping-table"');
    expect(html).not.toContain('Afficher des exemples');
    expect(html).toContain('Enregistrer les modifications');
  });
});

describe('the register of sources', () => {
  it('has an Edit button on each source only where the reader may edit', async () => {
    const editable = await render('en', <SourcesRegister sources={[BOUTIQUE]} onEdit={ignore} />);
    expect(editable).toContain('aria-label="Edit the source Boutique">Edit</button>');
    const readOnly = await render('en', <SourcesRegister sources={[BOUTIQUE]} />);
    expect(readOnly).not.toContain('<button');
    expect(readOnly).toContain('Boutique');
  });
});
