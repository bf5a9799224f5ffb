/** The import wizard: a file, its preview, its source, the mapping, then the run and its result. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';

export type Count = 'read' | 'inserted' | 'updated' | 'unchanged' | 'rejected' | 'flagged' | 'anonymous' | 'held';

/** The page's DOM constructors used from page.evaluate; typed here because the e2e tsconfig has no DOM library. */
interface DropGlobals {
  readonly DataTransfer: new () => { readonly items: { add(file: unknown): void } };
  readonly File: new (parts: string[], name: string, options: { type: string }) => unknown;
}

export class ImportPage {
  constructor(private readonly page: Page) {}

  step(name: 'file' | 'preview' | 'source' | 'mapping' | 'run'): Locator {
    return this.page.getByTestId(`import-step-${name}`);
  }

  error(): Locator {
    return this.page.getByTestId('import-error');
  }

  /** As the "Choose a file…" button would: the hidden file input gets the file. */
  async chooseFile(file: string): Promise<void> {
    await this.page.getByTestId('import-file-input').setInputFiles(file);
  }

  /** As a file dragged from the desktop and dropped anywhere on the window: the full-window drop zone shows, then takes it. */
  async dropFile(name: string, content: string): Promise<void> {
    const dataTransfer = await this.page.evaluateHandle(
      ({ name, content }) => {
        const dom = globalThis as unknown as DropGlobals;
        const transfer = new dom.DataTransfer();
        transfer.items.add(new dom.File([content], name, { type: 'text/csv' }));
        return transfer;
      },
      { name, content },
    );
    const target = this.page.getByRole('heading', { level: 1 });
    await target.dispatchEvent('dragenter', { dataTransfer });
    await expect(this.page.getByTestId('drop-overlay')).toBeVisible();
    await target.dispatchEvent('dragover', { dataTransfer });
    await target.dispatchEvent('drop', { dataTransfer });
    await expect(this.page.getByTestId('drop-overlay')).toHaveCount(0);
  }

  previewTable(): Locator {
    return this.page.getByTestId('preview-table');
  }

  async toSource(): Promise<void> {
    await this.step('preview').getByRole('button', { name: 'Next: source' }).click();
    await expect(this.step('source')).toBeVisible();
  }

  async declareNewSource(name: string, purpose: string): Promise<void> {
    const form = this.step('source');
    await form.getByLabel('A new source').check();
    await form.getByLabel('Name of the new source').fill(name);
    await form.getByLabel('New purpose').fill(purpose);
    await form.getByRole('button', { name: 'Add', exact: true }).click();
    await expect(form.getByRole('list', { name: 'Declared purposes' })).toContainText(purpose);
  }

  /** The whole wizard for a file going into a new source, with the suggested mapping: the usual set-up of a spec. */
  async importIntoNewSource(file: string, source: string, purpose: string): Promise<void> {
    await this.chooseFile(file);
    await this.toSource();
    await this.declareNewSource(source, purpose);
    await this.toMapping();
    await this.start();
  }

  async toMapping(): Promise<void> {
    await this.step('source').getByRole('button', { name: 'Next: mapping' }).click();
    await expect(this.step('mapping')).toBeVisible({ timeout: 30_000 });
  }

  mappingFrom(): Locator {
    return this.page.getByTestId('mapping-from');
  }

  /** The select of what a column is imported as. */
  fieldOf(column: string): Locator {
    return this.page.getByLabel(`Imported as, for column ${column}`);
  }

  async start(): Promise<void> {
    await this.step('mapping').getByRole('button', { name: 'Start the import' }).click();
    await expect(this.result()).toBeVisible({ timeout: 60_000 });
  }

  result(): Locator {
    return this.page.getByTestId('import-result');
  }

  count(name: Count): Locator {
    return this.step('run').getByTestId('import-counts').locator(`[data-count="${name}"]`);
  }

  rejectedRows(): Locator {
    return this.step('run').getByTestId('rejects-table').locator('tbody tr');
  }

  async downloadRejects(): Promise<Download> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.step('run').getByRole('button', { name: 'Download rejected rows (CSV)' }).click(),
    ]);
    return download;
  }

  async importAnother(): Promise<void> {
    await this.step('run').getByRole('button', { name: 'Import another file' }).click();
    await expect(this.step('file')).toBeVisible();
  }
}
