import type { ReactNode } from 'react';

/** The Custodia mark: a shield with a keyhole. Decorative; the product name is always written beside it. */
export function Logo({ size = 28 }: { readonly size?: number }): ReactNode {
  return (
    <svg className="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <path d="M16 2.5 4.5 6.8v8.4c0 7.2 4.9 12.6 11.5 14.3 6.6-1.7 11.5-7.1 11.5-14.3V6.8L16 2.5Z" fill="currentColor" />
      <circle className="logo-hole" cx="16" cy="13.5" r="3.2" />
      <path className="logo-hole" d="M14.6 15.6h2.8l1 6.4h-4.8l1-6.4Z" />
    </svg>
  );
}
