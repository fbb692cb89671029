import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useUiConfig } from './ui-context.js';

let firstPageShown = false;

/** Sets the browser tab's title, e.g. "Teams – Lena client portal". */
export function useDocumentTitle(title: string): void {
  const { serviceName } = useUiConfig();
  useEffect(() => {
    document.title = `${title} – ${serviceName}`;
  }, [title, serviceName]);
}

export interface PageProps {
  title: string;
  /** Shown above the heading, e.g. a "Back to organisations" link. */
  backLink?: ReactNode;
  /** Shown beside the heading, e.g. an "Add organisation" button link. */
  actions?: ReactNode;
  /** A sentence under the heading. */
  lead?: ReactNode;
  children?: ReactNode;
}

/**
 * One page: its `<h1>`, the tab title, and focus on the heading after an in-app navigation so that
 * screen reader users hear where they are (the first page load leaves focus alone).
 */
export function Page({ title, backLink, actions, lead, children }: PageProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useDocumentTitle(title);
  useEffect(() => {
    if (firstPageShown) headingRef.current?.focus({ preventScroll: false });
    firstPageShown = true;
  }, []);
  return (
    <div className="lena-page">
      {backLink && <div className="lena-page__back">{backLink}</div>}
      <div className="lena-page__header">
        <h1 className="lena-page__title" ref={headingRef} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="lena-page__actions">{actions}</div>}
      </div>
      {lead && <p className="lena-page__lead">{lead}</p>}
      {children}
    </div>
  );
}

export interface SectionProps {
  title: string;
  headingLevel?: 2 | 3;
  actions?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/** A titled part of a page; a landmark region named by its heading. */
export function Section({ title, headingLevel = 2, actions, children, className }: SectionProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const id = useId();
  return (
    <section className={['lena-section', className].filter(Boolean).join(' ')} aria-labelledby={id}>
      <div className="lena-section__header">
        <Heading id={id} className="lena-section__title">
          {title}
        </Heading>
        {actions && <div className="lena-section__actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
