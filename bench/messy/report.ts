/** The table of the closing note, and the reasons behind its numbers. */
import { checksOf, passes } from './checks';
import type { KindResult, Tally } from './evaluate';

const TOP = 6;

const percent = (part: number, whole: number): string => `${((100 * part) / Math.max(1, whole)).toFixed(2)} %`;

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  return rows.map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]!) : cell.padStart(widths[column]!))).join('  '));
}

function tallies(title: string, list: readonly Tally[], total: number): string[] {
  if (list.length === 0) return [`    ${title}: none`];
  const shown = list
    .slice(0, TOP)
    .map(
      (tally) => `      ${String(tally.count).padStart(6)}  ${percent(tally.count, total).padStart(7)}  ${tally.label}   e.g. ${tally.example.slice(0, 90)}`,
    );
  const rest = list.length > TOP ? [`      … and ${list.length - TOP} more`] : [];
  return [`    ${title}:`, ...shown, ...rest];
}

export function report(results: readonly KindResult[]): string[] {
  const header = ['export', 'rows', 'rejected', '%', 'flagged', 'anonymous (expected)', 'records (people expected)', 'import', 'adds up'];
  const body = results.map((result) => [
    result.kind.label,
    String(result.rows),
    String(result.run.rejected),
    percent(result.run.rejected, result.rows),
    String(result.run.flagged),
    `${result.run.anonymous} (${result.expected.anonymous})`,
    `${result.records} (${result.expected.people})`,
    `${(result.importMs / 1000).toFixed(2)} s`,
    passes(result) ? 'yes' : 'NO',
  ]);
  const lines = [...table([header, ...body]), ''];
  for (const result of results) {
    const { run } = result;
    lines.push(
      `  ${result.kind.label} → source "${result.kind.source}": read ${run.read}, inserted ${run.inserted}, updated ${run.updated}, unchanged ${run.unchanged}, rejected ${run.rejected}, flagged ${run.flagged}, anonymous ${run.anonymous}`,
    );
    for (const check of checksOf(result)) lines.push(`    ${check.ok ? 'ok  ' : 'FAIL'} ${check.name}: ${check.detail}`);
    if (result.unmapped.length > 0) lines.push(`    columns the suggested mapping left out (kept in the raw row only): ${result.unmapped.join(', ')}`);
    lines.push(...tallies('top reject reasons (per reason; a row may have several)', result.rejectReasons, result.rows));
    lines.push(...tallies('top flags (field / code, per value flagged)', result.flagCodes, result.rows), '');
  }
  return lines;
}
