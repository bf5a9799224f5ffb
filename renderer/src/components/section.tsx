import type { ReactNode } from 'react';

/** A titled card: settings and audit tools are groups of these. */
export function Section({
  title,
  description,
  children,
  id,
}: {
  readonly title: string;
  readonly description?: ReactNode;
  readonly children: ReactNode;
  readonly id?: string;
}): ReactNode {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className="card" aria-labelledby={headingId} id={id}>
      <h2 className="card-title" id={headingId}>
        {title}
      </h2>
      {description ? <p className="card-description">{description}</p> : null}
      {children}
    </section>
  );
}

export function PageHeader({ title, children }: { readonly title: string; readonly children?: ReactNode }): ReactNode {
  return (
    <header className="page-header">
      <h1>{title}</h1>
      {children ? <div className="page-header-extra">{children}</div> : null}
    </header>
  );
}
