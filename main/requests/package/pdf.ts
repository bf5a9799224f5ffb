/**
 * The report's blocks as a PDF, with an embedded DejaVu font: pdfkit's built-in Helvetica silently garbles
 * Polish and some French (ECOSYSTEM.md). Tables are drawn by hand (pdfkit's own table was ~20× slower).
 * The document's dates are fixed, so the same blocks give the same bytes.
 */
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { Block } from './report';

// Named apart from `require`: the bundle of the main process declares its own.
const packageFiles = createRequire(import.meta.url);
const REGULAR = packageFiles.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const BOLD = packageFiles.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');
/** No clock in the package: the PDF says when the vault state it shows was read elsewhere (the request). */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
const MARGIN = 50;

export function reportPdf(blocks: readonly Block[], title: string): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    info: { Title: title, CreationDate: FIXED_DATE, ModDate: FIXED_DATE, Producer: 'Custodia', Creator: 'Custodia' },
  });
  doc.registerFont('regular', REGULAR);
  doc.registerFont('bold', BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;
  for (const block of blocks) {
    switch (block.kind) {
      case 'title':
        doc.font('bold').fontSize(18).text(block.text, { width }).moveDown(0.5);
        break;
      case 'heading':
        doc.moveDown(0.6).font('bold').fontSize(13).text(block.text, MARGIN, doc.y, { width }).moveDown(0.3);
        break;
      case 'subheading':
        doc.moveDown(0.3).font('bold').fontSize(11).text(block.text, MARGIN, doc.y, { width }).moveDown(0.2);
        break;
      case 'paragraph':
        doc.font('regular').fontSize(10).text(block.text, MARGIN, doc.y, { width }).moveDown(0.4);
        break;
      case 'table':
        drawTable(doc, block.columns, block.rows, width);
        break;
    }
  }
  doc.end();
  return done;
}

function drawTable(doc: PDFKit.PDFDocument, columns: readonly string[], rows: readonly (readonly string[])[], width: number): void {
  const count = Math.max(columns.length, ...rows.map((row) => row.length));
  if (count === 0) return;
  const columnWidth = width / count;
  const padding = 3;
  const drawRow = (cells: readonly string[], font: 'regular' | 'bold'): void => {
    doc.font(font).fontSize(9);
    const height = Math.max(...cells.map((text) => doc.heightOfString(text, { width: columnWidth - 2 * padding }))) + 2 * padding;
    if (doc.y + height > doc.page.height - MARGIN) doc.addPage();
    const top = doc.y;
    cells.forEach((text, index) => {
      const left = MARGIN + index * columnWidth;
      doc.rect(left, top, columnWidth, height).strokeColor('#bbbbbb').lineWidth(0.5).stroke();
      doc.fillColor('#000000').text(text, left + padding, top + padding, { width: columnWidth - 2 * padding });
    });
    doc.x = MARGIN;
    doc.y = top + height;
  };
  if (columns.some((column) => column !== '')) drawRow(columns, 'bold');
  for (const row of rows) drawRow(row, 'regular');
  doc.moveDown(0.5);
}
