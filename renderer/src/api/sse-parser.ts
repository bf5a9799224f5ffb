/**
 * A minimal text/event-stream parser: EventSource cannot send an Authorization header, so the stream
 * is read with fetch and parsed here. Only `data:` fields matter to us; comments and other fields are
 * skipped, as the specification says.
 */
export interface SseParser {
  push(chunk: string): void;
}

export function createSseParser(onData: (data: string) => void): SseParser {
  let buffer = '';
  let dataLines: string[] = [];

  function dispatchLine(line: string): void {
    if (line === '') {
      if (dataLines.length > 0) onData(dataLines.join('\n'));
      dataLines = [];
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const field = colon === -1 ? line : line.slice(0, colon);
    let value = colon === -1 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') dataLines.push(value);
  }

  return {
    push(chunk: string): void {
      buffer += chunk;
      // Lines end with \n, \r\n or a lone \r; a trailing \r may still be followed by \n in the next chunk.
      for (;;) {
        const match = /\r\n|\n|\r(?=[^\n])/.exec(buffer);
        if (!match) break;
        dispatchLine(buffer.slice(0, match.index));
        buffer = buffer.slice(match.index + match[0].length);
      }
    },
  };
}
