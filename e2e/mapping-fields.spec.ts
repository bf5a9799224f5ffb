/**
 * The renderer mirrors the mapping's target fields (it may import only the API contract): the groups
 * must be the backend's, and the labels the ones FIELD_INFO gives in each language. Like
 * translations.spec.ts, this lives in e2e because renderer code may not import main/ingest. No browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { FIELD_INFO, TARGET_FIELDS } from '../main/ingest/mapping/fields';
import { DATE_FORMATS as BACKEND_DATE_FORMATS } from '../main/ingest/normalize/date';
import { DATE_FORMATS, fieldGroup, TARGET_FIELDS as RENDERER_FIELDS } from '../renderer/src/lib/mapping';

type Tree = { readonly [key: string]: string | Tree };

const sameApostrophes = (text: string): string => text.replaceAll('’', "'");

test('the mapping editor offers the backend’s fields, in its groups and order', () => {
  expect(RENDERER_FIELDS).toEqual([...TARGET_FIELDS]);
  for (const field of TARGET_FIELDS) expect(fieldGroup(field), field).toBe(FIELD_INFO[field].group);
  expect(DATE_FORMATS).toEqual([...BACKEND_DATE_FORMATS]);
});

for (const language of ['en', 'fr'] as const) {
  test(`the ${language} field labels are FIELD_INFO’s`, () => {
    const file = path.resolve(import.meta.dirname, '..', 'main', 'ingest', 'strings', `${language}.json`);
    const fields = (JSON.parse(fs.readFileSync(file, 'utf8')) as Tree).fields as Tree;
    for (const field of TARGET_FIELDS) {
      const label = fields[field.replace('.', '_')];
      expect(typeof label === 'string' ? sameApostrophes(label) : label, field).toBe(sameApostrophes(FIELD_INFO[field].label[language]));
    }
  });
}
