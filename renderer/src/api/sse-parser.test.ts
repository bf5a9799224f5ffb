import { describe, expect, it } from 'vitest';
import { createSseParser } from './sse-parser';

function collect(chunks: string[]): string[] {
  const seen: string[] = [];
  const parser = createSseParser((data) => seen.push(data));
  for (const chunk of chunks) parser.push(chunk);
  return seen;
}

describe('createSseParser', () => {
  it('emits one message per blank-line-terminated frame and skips comments', () => {
    expect(collect([': connected\n\n', 'data: {"a":1}\n\n', 'data: {"b":2}\n\n'])).toEqual(['{"a":1}', '{"b":2}']);
  });

  it('reassembles frames split across chunks, including a split CRLF', () => {
    expect(collect(['da', 'ta: {"a"', ':1}\r', '\n\r\n', 'data: x\n', '\n'])).toEqual(['{"a":1}', 'x']);
  });

  it('joins multi-line data and ignores other fields', () => {
    expect(collect(['event: ping\nid: 3\ndata: one\ndata: two\n\n'])).toEqual(['one\ntwo']);
  });

  it('waits for the blank line before emitting', () => {
    expect(collect(['data: pending\n'])).toEqual([]);
  });
});
