import type { ReactNode } from 'react';
import { cellText } from '../lib/format';

/** One row of sample data as table cells, long values clipped with the full text on hover. */
export function SampleCells({ headers, values }: { readonly headers: readonly string[]; readonly values: Readonly<Record<string, unknown>> }): ReactNode {
  return headers.map((header) => {
    const text = cellText(values[header]);
    return (
      <td key={header} className="cell-clip" title={text.length > 40 ? text : undefined}>
        {text}
      </td>
    );
  });
}
