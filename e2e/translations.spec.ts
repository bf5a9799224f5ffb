/**
 * Every audit action has a label in both languages. This check lives here rather than beside the
 * translations because lint forbids renderer code (tests included) from importing main/audit; e2e
 * code may. It needs no browser.
 */
import fs from 'node:fs';
import path from 'node:path';
import { AUDIT_ACTIONS } from '../main/audit/actions';
import { expect, test } from '@playwright/test';

type Tree = { readonly [key: string]: string | Tree };

function lookup(tree: Tree, key: string): string | undefined {
  let node: string | Tree | undefined = tree;
  for (const part of key.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  return typeof node === 'string' ? node : undefined;
}

for (const language of ['en', 'fr']) {
  test(`every audit action has a ${language} label`, () => {
    const file = path.resolve(import.meta.dirname, '..', 'main', 'audit', 'strings', `${language}.json`);
    const translations = JSON.parse(fs.readFileSync(file, 'utf8')) as Tree;
    const missing = AUDIT_ACTIONS.filter((action) => !lookup(translations, `auditActions.${action}`)?.trim());
    expect(missing).toEqual([]);
  });
}
