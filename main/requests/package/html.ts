/** The report's blocks as one self-contained HTML page (no script, no outside resource: it opens offline). */
import type { Block } from './report';

const escape = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const STYLE = `body{font-family:"DejaVu Sans",system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}h3{font-size:1rem;margin-top:1.2rem}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f2f2f2}`;

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'title':
      return `<h1>${escape(block.text)}</h1>`;
    case 'heading':
      return `<h2>${escape(block.text)}</h2>`;
    case 'subheading':
      return `<h3>${escape(block.text)}</h3>`;
    case 'paragraph':
      return `<p>${escape(block.text)}</p>`;
    case 'table': {
      const head = block.columns.some((column) => column !== '')
        ? `<thead><tr>${block.columns.map((column) => `<th>${escape(column)}</th>`).join('')}</tr></thead>`
        : '';
      const body = block.rows.map((row) => `<tr>${row.map((value) => `<td>${escape(value)}</td>`).join('')}</tr>`).join('\n');
      return `<table>${head}<tbody>\n${body}\n</tbody></table>`;
    }
  }
}

export function reportHtml(blocks: readonly Block[], language: string): string {
  const title = blocks.find((block) => block.kind === 'title');
  return `<!doctype html>
<html lang="${escape(language)}">
<head><meta charset="utf-8"><title>${escape(title?.kind === 'title' ? title.text : '')}</title><style>${STYLE}</style></head>
<body>
${blocks.map(blockHtml).join('\n')}
</body>
</html>
`;
}
