/**
 * The layers of main/ hold (docs/architecture.md): no import cycle anywhere in main/, type imports
 * included, and the lint rule that keeps capabilities away from the transports and from each other's
 * internals does fail on a violation.
 */
import { ESLint } from 'eslint';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');
const MAIN = path.join(ROOT, 'main');
const IMPORT = /^\s*(?:import|export)\s+(?:type\s+)?(?:[^'"]*?from\s+)?['"](\.[^'"]+)['"]/gm;

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) if (fs.existsSync(candidate)) return candidate;
  return null;
}

/** Every cycle of the file graph, as one path around each strongly connected group (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node)!, low.get(next)!));
      } else if (onStack.has(next)) low.set(node, Math.min(low.get(node)!, index.get(next)!));
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(group.map((file) => path.relative(ROOT, file)).sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}

describe('the architecture of main/', () => {
  it('has no import cycle, type imports included', () => {
    const graph = new Map<string, string[]>();
    for (const file of sourceFiles(MAIN)) {
      const text = fs.readFileSync(file, 'utf8');
      graph.set(
        file,
        [...text.matchAll(IMPORT)].map((match) => resolveImport(file, match[1]!)).filter((target): target is string => target !== null),
      );
    }
    expect(graph.size).toBeGreaterThan(150);
    expect(cycles(graph)).toEqual([]);
  });

  it('finds a cycle when there is one (the check can fail)', () => {
    const graph = new Map([
      [path.join(MAIN, 'a.ts'), [path.join(MAIN, 'b.ts')]],
      [path.join(MAIN, 'b.ts'), [path.join(MAIN, 'a.ts')]],
    ]);
    expect(cycles(graph)).toEqual([['main/a.ts', 'main/b.ts']]);
  });

  it('fails the lint on a capability that imports a transport, another capability’s internals, or a foundation that imports a capability', async () => {
    const eslint = new ESLint({ cwd: ROOT });
    const lint = async (file: string, code: string): Promise<string[]> => {
      const [result] = await eslint.lintText(code, { filePath: path.join(MAIN, file) });
      return result!.messages.filter((message) => message.ruleId === 'custodia/layers').map((message) => message.message);
    };
    expect(await lint('audit/violation.ts', "import { dispatch } from '../api/dispatch';\nexport const a = dispatch;\n")).toEqual([
      expect.stringMatching(/A capability never imports main\/api/),
    ]);
    expect(await lint('profiles/violation.ts', "import { createBackup } from '../vault/backup';\nexport const a = createBackup;\n")).toEqual([
      expect.stringMatching(/only through main\/vault\/index\.ts or contract\.ts/),
    ]);
    expect(await lint('store/violation.ts', "import { AuditLog } from '../audit';\nexport const a = AuditLog;\n")).toEqual([
      expect.stringMatching(/main\/store is foundation/),
    ]);
    expect(await lint('core/violation.ts', "import { sql } from '../store/sql';\nexport const a = sql;\n")).toEqual([
      expect.stringMatching(/main\/core imports nothing of ours/),
    ]);
    // What is allowed stays allowed.
    expect(
      await lint(
        'profiles/allowed.ts',
        "import { VaultService } from '../vault';\nimport { Source } from '../ingest/contract';\nexport const a = [VaultService, Source];\n",
      ),
    ).toEqual([]);
  });
});
