import { type ReactNode, useEffect } from 'react';
import { useTenant } from '../app/tenant';

export function usePageTitle(title: string): void {
  const { entityName } = useTenant();
  useEffect(() => {
    document.title = `${title} — ${entityName}`;
  }, [title, entityName]);
}

interface PageProps {
  /** Used for the document title and, unless `heading` is given, for the h1. */
  title: string;
  heading?: string;
  lead?: ReactNode;
  children?: ReactNode;
}

export function Page({ title, heading, lead, children }: PageProps) {
  usePageTitle(title);
  return (
    <>
      <h1 className="page-title" tabIndex={-1}>
        {heading ?? title}
      </h1>
      {lead && <p className="page-lead">{lead}</p>}
      {children}
    </>
  );
}
