import type { ReactNode } from 'react';
import type { Shown } from '../../lib/audit-labels';

/**
 * A value that may be shortened (a hash, a vault id): the whole of it on hover (title) and on keyboard
 * focus (the tooltip drawn from data-full), so nobody needs a mouse to read it.
 */
export function ShownValue({ value, code = false }: { readonly value: Shown; readonly code?: boolean }): ReactNode {
  const Tag = code ? 'code' : 'span';
  if (value.full === undefined || value.full === value.text) return <Tag>{value.text}</Tag>;
  return (
    <Tag className="shortened" tabIndex={0} title={value.full} data-full={value.full}>
      {value.text}
    </Tag>
  );
}
