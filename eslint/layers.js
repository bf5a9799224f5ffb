/**
 * The layers of main/ (docs/architecture.md), as an ESLint rule on every relative import:
 *
 *   core         main/core                        imports nothing of ours
 *   foundation   main/platform, main/store        core and each other
 *   capability   every other folder of main/      core, foundation, itself, and another capability only
 *                (vault, users, audit, jobs,       through its index.ts or contract.ts
 *                ingest, profiles, …)
 *   composition  main/api, main/backend,          anything: they put the capabilities together
 *                main/bridge, main/cli,
 *                main/electron, main/i18n
 *
 * Tests and test helpers (`*.test.ts`, `test-*.ts`, main/test-support) are exempt: they may drive a
 * capability through the backend as a person would.
 */
import path from 'node:path';

const CORE = new Set(['core']);
const FOUNDATION = new Set(['platform', 'store']);
const COMPOSITION = new Set(['api', 'backend', 'bridge', 'cli', 'electron', 'i18n', 'test-support']);

function layerOf(top) {
  if (CORE.has(top)) return 'core';
  if (FOUNDATION.has(top)) return 'foundation';
  if (COMPOSITION.has(top)) return 'composition';
  return 'capability';
}

/**
 * The folder below main/ and the rest of the path, or null outside main/. An import of the folder itself
 * (`'../audit'`) is an import of its index.
 */
function locate(mainDir, file, { folderIsIndex = false } = {}) {
  const relative = path.relative(mainDir, file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  const [top, ...rest] = relative.split(path.sep);
  if (rest.length === 0) return folderIsIndex ? { top, rest: 'index' } : null;
  return { top, rest: rest.join('/') };
}

function isTestFile(file) {
  const base = path.basename(file);
  return base.endsWith('.test.ts') || base.endsWith('.test.tsx') || base.startsWith('test-') || file.split(path.sep).includes('test-support');
}

/** A capability's public face: its index and its contract slice (and its strings, which are data). */
function isPublic(rest) {
  const withoutExtension = rest.replace(/\.(ts|js)$/, '');
  return withoutExtension === 'index' || withoutExtension === 'contract' || /^strings\/[^/]+\.json$/.test(rest);
}

export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keeps the layers of main/ apart (docs/architecture.md).' },
    schema: [],
    messages: {
      coreImports: 'main/core imports nothing of ours ({{target}}): it is the bottom layer.',
      foundationImports: 'main/{{source}} is foundation: it may import main/core and main/platform or main/store only, not main/{{target}}.',
      composition: 'A capability never imports main/{{target}}: the API, backend and transports depend on capabilities, not the other way round.',
      internals: 'main/{{source}} may use main/{{target}} only through main/{{target}}/index.ts or contract.ts, not {{path}}.',
    },
  },
  create(context) {
    const file = context.filename;
    const mainDir = path.join(context.cwd, 'main');
    const source = locate(mainDir, file);
    if (!source || isTestFile(file)) return {};
    const sourceLayer = layerOf(source.top);
    if (sourceLayer === 'composition') return {};

    function check(node, specifier) {
      if (typeof specifier !== 'string' || !specifier.startsWith('.')) return;
      const target = locate(mainDir, path.resolve(path.dirname(file), specifier), { folderIsIndex: true });
      if (!target || target.top === source.top) return;
      const targetLayer = layerOf(target.top);
      const data = { source: source.top, target: target.top, path: `main/${target.top}/${target.rest}` };
      if (sourceLayer === 'core') context.report({ node, messageId: 'coreImports', data });
      else if (sourceLayer === 'foundation' && targetLayer !== 'core' && targetLayer !== 'foundation') context.report({ node, messageId: 'foundationImports', data });
      else if (sourceLayer === 'capability' && targetLayer === 'composition') context.report({ node, messageId: 'composition', data });
      else if (sourceLayer === 'capability' && targetLayer === 'capability' && !isPublic(target.rest)) context.report({ node, messageId: 'internals', data });
    }

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

export default { rules: { layers: layersRule } };
