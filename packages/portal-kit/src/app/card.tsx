import { Link } from '@lena/ui';
import type { ReactNode } from 'react';

/** A signpost on a home page: heading, a sentence, one link. */
export function Card({ title, href, linkText, headingLevel = 2, children }: { title: string; href: string; linkText: string; headingLevel?: 2 | 3; children: ReactNode }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <div className="lena-card">
      <Heading>{title}</Heading>
      <p>{children}</p>
      <p>
        <Link href={href}>{linkText}</Link>
      </p>
    </div>
  );
}
