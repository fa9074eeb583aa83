import { canUseBackOffice } from '../../app/auth';
import type { Me } from '../../app/types';

/** Only same-site paths are accepted as "volver" targets (no open redirects). */
export function safeReturnPath(value: string | null): string | null {
  if (!value?.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return null;
  return value;
}

export function homeFor(user: Me): string {
  return canUseBackOffice(user) ? '/admin' : '/mis-tramites';
}
