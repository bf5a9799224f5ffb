/**
 * Reading a column out of a record. Tables give flat `{ header: value }` rows, JSON gives nested objects;
 * a mapping names both the same way: a header as written, or a dotted path (`customer.email`).
 */

export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

/**
 * The value at `path`. A key that exists as written wins over a dotted reading, so a CSV header such as
 * `No. client` or `e.mail` is read as the header it is. Missing → undefined (a blank cell).
 */
export function readPath(record: Readonly<Record<string, unknown>>, path: string): unknown {
  if (Object.hasOwn(record, path)) return record[path];
  if (!path.includes('.')) return undefined;
  const segments = path.split('.');
  let current: unknown = record;
  for (let index = 0; index < segments.length; index += 1) {
    if (!isPlainObject(current)) return undefined;
    // A key with dots inside a nested object (`{"a": {"b.c": 1}}`): try the rest of the path as one key.
    const rest = segments.slice(index).join('.');
    if (index > 0 && index < segments.length - 1 && Object.hasOwn(current, rest)) return current[rest];
    current = current[segments[index] as string];
  }
  return current;
}
