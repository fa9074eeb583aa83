import type { ReactNode } from 'react';

type Tone = 'error' | 'success' | 'info' | 'warning';

interface AlertProps {
  tone: Tone;
  title?: string;
  children?: ReactNode;
}

/** Errors are announced immediately (role="alert"); everything else politely (role="status"). */
export function Alert({ tone, title, children }: AlertProps) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'} tabIndex={-1}>
      {title && <p className="alert__title">{title}</p>}
      {children && <div className="alert__body">{children}</div>}
    </div>
  );
}
