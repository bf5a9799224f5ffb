/**
 * How many cells read-excel-file will materialize for a sheet, found by scanning the sheet's XML as it
 * inflates, before the library sees it. The library builds a dense grid: every row up to the last one
 * with a value, each padded to the rightmost column with a value. So the cost of a sheet is its extent
 * (last row × last column), not its number of `<c>` elements: one cell at XFD1048576 is seventeen
 * billion. The scanner is a small byte-level state machine, not a parser: it honours quotes, comments,
 * CDATA and processing instructions so that no real `<c>` can hide from it, and it may only overcount.
 */

const enum State {
  Text,
  Name,
  Attributes,
  AttributeName,
  AfterAttributeName,
  BeforeValue,
  Value,
  SkipTag,
  Comment,
  CData,
  Instruction,
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const EQUALS = 0x3d;
const COLON = 0x3a;
const QUOTE = 0x22;
const APOSTROPHE = 0x27;
const BANG = 0x21;
const QUESTION = 0x3f;
/** Names longer than this cannot be the `c`, `row` or `r` the scanner looks for. */
const MAX_NAME = 32;
/** Room for a reference written with character references (`&#88;` for X); a longer one is refused. */
const MAX_VALUE = 256;

function isSpace(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** The library decodes character references in attribute values, so the scanner must too. */
function decodeReferences(value: string): string {
  return value.replace(
    /&(?:#x([0-9a-f]+)|#(\d+)|(amp|lt|gt|quot|apos));/gi,
    (_, hex: string | undefined, decimal: string | undefined, name: string | undefined) =>
      name ? NAMED[name.toLowerCase()]! : String.fromCodePoint(Math.min(0x10ffff, parseInt(hex ?? decimal!, hex ? 16 : 10))),
  );
}

/**
 * `AB12` → [12, 28]. Only the references Excel writes are accepted: the library turns any other character
 * into some column number of its own, which a scanner that guessed could undercount.
 */
function parseReference(reference: string): [row: number, column: number] | null {
  const match = /^([A-Z]{1,7})([1-9]\d{0,9})$/.exec(reference);
  if (!match) return null;
  let column = 0;
  for (const letter of match[1]!.toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return [Number(match[2]), column];
}

export class SheetExtent {
  /** Last row and rightmost column holding a cell with content, as the library counts them. */
  rows = 0;
  columns = 0;
  /** A `c` or `row` whose reference the library would read some other way than Excel's: the workbook is refused. */
  invalid = false;
  private state = State.Text;
  private name = '';
  private attribute = '';
  private value = '';
  private quote = 0;
  private reference = '';
  private selfClosing = false;
  /** For `<!--`, `]]>`, `?>`: the last bytes seen, enough to recognize an ending. */
  private recent = 0;
  private row = 0;
  private rowElement = 0;
  private column = 0;

  get cells(): number {
    return this.rows * this.columns;
  }

  /** Feeds the next bytes of the part; `onCell` is called after each cell that grew the extent. */
  push(bytes: Uint8Array, onCell?: () => void): void {
    for (let index = 0; index < bytes.length; index++) {
      const byte = bytes[index]!;
      switch (this.state) {
        case State.Text:
          if (byte === LT) {
            this.state = State.Name;
            this.name = '';
          }
          break;
        case State.Name:
          if (this.name === '' && byte === BANG) {
            this.state = State.SkipTag;
            this.recent = 0;
            this.name = '!';
          } else if (this.name === '' && byte === QUESTION) {
            this.state = State.Instruction;
            this.recent = 0;
          } else if (this.name === '' && byte === SLASH) this.state = State.SkipTag;
          else if (isSpace(byte) || byte === SLASH || byte === GT) {
            this.beginAttributes();
            index--;
          } else if (byte === COLON) this.name = '';
          else if (this.name.length < MAX_NAME) this.name += String.fromCharCode(byte);
          else this.name = '\u0000';
          break;
        case State.SkipTag:
          this.skipDeclaration(byte);
          break;
        case State.Comment:
          this.recent = ((this.recent << 8) | byte) & 0xffffff;
          if (this.recent === 0x2d2d3e) this.state = State.Text; // -->
          break;
        case State.CData:
          this.recent = ((this.recent << 8) | byte) & 0xffffff;
          if (this.recent === 0x5d5d3e) this.state = State.Text; // ]]>
          break;
        case State.Instruction:
          if (byte === GT && this.recent === QUESTION) this.state = State.Text;
          this.recent = byte;
          break;
        case State.Attributes:
          if (byte === GT) this.endTag(onCell);
          else if (byte === SLASH) this.selfClosing = true;
          else if (!isSpace(byte)) {
            this.selfClosing = false;
            this.state = State.AttributeName;
            this.attribute = String.fromCharCode(byte);
          }
          break;
        case State.AttributeName:
          if (byte === EQUALS) this.state = State.BeforeValue;
          else if (isSpace(byte)) this.state = State.AfterAttributeName;
          else if (byte === GT) this.endTag(onCell);
          // The library drops namespace prefixes from attribute names too (`x:r` is `r`).
          else if (byte === COLON) this.attribute = '';
          else if (this.attribute.length < MAX_NAME) this.attribute += String.fromCharCode(byte);
          break;
        case State.AfterAttributeName:
          if (byte === EQUALS) this.state = State.BeforeValue;
          else if (byte === GT) this.endTag(onCell);
          break;
        case State.BeforeValue:
          if (byte === QUOTE || byte === APOSTROPHE) {
            this.quote = byte;
            this.value = '';
            this.state = State.Value;
          } else if (byte === GT) this.endTag(onCell);
          break;
        case State.Value:
          if (byte === this.quote) {
            if (this.attribute === 'r') this.reference = this.value;
            this.state = State.Attributes;
          } else if (this.value.length <= MAX_VALUE) this.value += String.fromCharCode(byte);
          break;
      }
    }
  }

  private beginAttributes(): void {
    this.state = State.Attributes;
    this.reference = '';
    this.selfClosing = false;
  }

  /** After `<!`: a comment, a CDATA section, or a declaration that ends at the next `>`. */
  private skipDeclaration(byte: number): void {
    if (this.name.startsWith('!')) {
      this.name += String.fromCharCode(byte);
      if (this.name === '!--') this.state = State.Comment;
      else if (this.name === '![CDATA[') this.state = State.CData;
      else if (byte === GT) this.state = State.Text;
      else if (this.name.length > 8) this.name = '';
      return;
    }
    if (byte === GT) this.state = State.Text;
  }

  private endTag(onCell: (() => void) | undefined): void {
    this.state = State.Text;
    if (this.name !== 'row' && this.name !== 'c') return;
    const reference = this.reference.includes('&') ? decodeReferences(this.reference) : this.reference;
    if (this.name === 'row') {
      if (reference !== '' && !/^[1-9]\d{0,9}$/.test(reference)) this.invalid = true;
      this.rowElement = reference === '' ? this.rowElement + 1 : Number(reference);
      this.row = this.rowElement;
      this.column = 0;
      return;
    }
    const parsed = reference === '' ? null : parseReference(reference);
    if (reference !== '' && !parsed) this.invalid = true;
    [this.row, this.column] = parsed ?? [Math.max(this.row, 1), this.column + 1];
    // A self-closing cell holds no value: the library neither pads to it nor keeps its row. The row
    // counted is the later of the cell's and its <row>'s, whichever the library goes by.
    const row = Math.max(this.row, this.rowElement);
    if (!this.selfClosing && (row > this.rows || this.column > this.columns)) {
      this.rows = Math.max(this.rows, row);
      this.columns = Math.max(this.columns, this.column);
      onCell?.();
    }
  }
}
