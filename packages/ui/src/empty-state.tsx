import type { ReactNode } from 'react';

export interface EmptyStateProps {
  title: string;
  children?: ReactNode;
  action?: ReactNode;
  headingLevel?: 2 | 3;
}

/** What to show where a list has nothing in it yet, and what to do about it. */
export function EmptyState({ title, children, action, headingLevel = 2 }: EmptyStateProps) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="lena-empty">
      <Heading className="lena-empty__title">{title}</Heading>
      {children && <div className="lena-empty__body">{children}</div>}
      {action && <div className="lena-empty__action">{action}</div>}
    </div>
  );
}
