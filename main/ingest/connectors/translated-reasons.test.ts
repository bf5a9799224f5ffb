/**
 * A connector's failure carries a reason code so the steward reads it in their language; a reason the
 * translations lack falls back to a general sentence with the backend's English words under it. That
 * fallback is right only where the words are the server's own (a query's syntax error): every other
 * reason the connectors can give must have its sentence in both languages.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// The sentences are the contract's error codes refined by a reason: the api namespace holds them.
import en from '../../core/strings/en.json';
import fr from '../../core/strings/fr.json';

const CONNECTORS = __dirname;
/**
 * The server's message is what the steward needs (a query's error, a certificate's problem): these keep the
 * general sentence with the server's words under it.
 */
const SERVER_WORDS: ReadonlySet<string> = new Set(['invalidQuery', 'tableRefused', 'serverError', 'tls', 'other']);

function reasonsInSource(): Set<string> {
  const reasons = new Set<string>();
  const files = readdirSync(CONNECTORS).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
  for (const file of files) {
    const text = readFileSync(path.join(CONNECTORS, file), 'utf8');
    for (const match of text.matchAll(/reason: '(\w+)'|described\('(\w+)'/g)) reasons.add(match[1] ?? match[2]!);
  }
  return reasons;
}

describe('connector failures', () => {
  const reasons = reasonsInSource();

  it('are found in the connectors’ code (the scan itself works)', () => {
    expect(reasons).toContain('wrongPassword');
    expect(reasons).toContain('samePage');
    expect(reasons.size).toBeGreaterThan(15);
  });

  it.each([
    ['en', en.errors],
    ['fr', fr.errors],
  ])('have a sentence of their own in %s for every reason that is ours', (_language, errors) => {
    // Most are CONNECTOR_FAILED_…; a few belong to another code (CONFLICT_syncRunning).
    const keys = Object.keys(errors);
    const missing = [...reasons].filter((reason) => !SERVER_WORDS.has(reason) && !keys.some((key) => key.endsWith(`_${reason}`)));
    expect(missing).toEqual([]);
  });
});
