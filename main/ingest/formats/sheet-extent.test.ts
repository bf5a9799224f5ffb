import { describe, expect, it } from 'vitest';
import { SheetExtent } from './sheet-extent';

/** Fed one byte at a time too: a tag, a reference or a comment split across chunks counts the same. */
function extentOf(xml: string): { rows: number; columns: number; invalid: boolean }[] {
  const whole = new SheetExtent();
  whole.push(Buffer.from(xml));
  const bytewise = new SheetExtent();
  for (const byte of Buffer.from(xml)) bytewise.push(Uint8Array.of(byte));
  return [whole, bytewise].map(({ rows, columns, invalid }) => ({ rows, columns, invalid }));
}

function expectExtent(xml: string, rows: number, columns: number, invalid = false): void {
  for (const extent of extentOf(xml)) expect(extent).toEqual({ rows, columns, invalid });
}

describe('SheetExtent', () => {
  it('counts the grid the library builds: last row × rightmost column with a value', () => {
    expectExtent('<sheetData><row r="1"><c r="A1"><v>1</v></c><c r="C1" t="s"><v>0</v></c></row><row r="4"><c r="B4"><v>2</v></c></row></sheetData>', 4, 3);
  });

  it('finds one value placed at XFD1048576 in a few bytes', () => {
    expectExtent('<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', 1_048_576, 16_384);
  });

  it('does not count self-closing (empty) cells, as the library does not pad to them', () => {
    expectExtent('<row r="1"><c r="A1"><v>1</v></c><c r="XFD1" s="3"/></row><row r="9"><c r="A9" /></row>', 1, 1);
  });

  it('reads namespace prefixes, character references and single quotes as the library does', () => {
    expectExtent("<x:row r='1'><x:c x:r='&#88;FD1'><x:v>1</x:v></x:c></x:row>", 1, 16_384);
  });

  it('does not count what only looks like a cell: in an attribute value, a comment, CDATA, a processing instruction', () => {
    expectExtent('<row r="1"><c r="A1" t="s" z="<c r=&quot;XFD9&quot;>"><v>1</v></c></row>', 1, 1);
    expectExtent('<!-- <c r="ZZ1"><v>1</v></c> --><row r="2"><c r="B2"><v>1</v></c></row>', 2, 2);
    expectExtent('<![CDATA[ <c r="ZZ1"> ]]><?pi <c r="ZZ1"> ?><row r="2"><c r="B2"><v>1</v></c></row>', 2, 2);
  });

  it('flags references the library would read some other way (lower case, symbols) instead of guessing', () => {
    expect(extentOf('<row r="1"><c r="a1"><v>1</v></c></row>')[0]!.invalid).toBe(true);
    expect(extentOf('<row r="1x"><c r="A1"><v>1</v></c></row>')[0]!.invalid).toBe(true);
  });
});
