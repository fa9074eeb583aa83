/** A trámite or service a person can start from the portal; modules add theirs when they exist. */
export interface Tramite {
  slug: string;
  name: string;
  description: string;
  audience: 'ciudadano' | 'empresa' | 'funcionario';
  path: string;
  requiresLogin: boolean;
}

const tramites: Tramite[] = [
  {
    slug: 'registro',
    name: 'Crear una cuenta en la sede electrónica',
    description:
      'Regístrese con su documento de identidad o NIT para hacer trámites en línea y seguir su estado.',
    audience: 'ciudadano',
    path: '/registro',
    requiresLogin: false,
  },
  {
    slug: 'constancia-registro',
    name: 'Constancia de registro en la sede electrónica',
    description:
      'Descargue en PDF, con código QR verificable, la constancia de que su cuenta está registrada.',
    audience: 'ciudadano',
    path: '/mis-tramites',
    requiresLogin: true,
  },
  {
    slug: 'verificar-documento',
    name: 'Verificar la autenticidad de un documento',
    description:
      'Compruebe con el código o el QR que un documento fue expedido por la alcaldía y no fue alterado.',
    audience: 'ciudadano',
    path: '/verificar',
    requiresLogin: false,
  },
];

export function registerTramites(...more: Tramite[]): void {
  for (const tramite of more)
    if (!tramites.some((known) => known.slug === tramite.slug)) tramites.push(tramite);
}

export function listTramites(): Tramite[] {
  return [...tramites];
}

/** A citizen's own trámite in progress, as "Mis trámites" lists it. */
export interface MyTramite {
  id: string;
  tramite: string;
  reference: string;
  status: string;
  statusLabel: string;
  createdAt: Date;
  updatedAt: Date;
  path: string;
}

/** Modules that hold citizens' requests register a source; "Mis trámites" merges them, newest first. */
export type MyTramitesSource = (tenantId: string, userId: string) => Promise<MyTramite[]>;

// By key: a program builds its modules once, but tests build many apps in one process; the latest wins.
const sources = new Map<string, MyTramitesSource>();

export function registerMyTramitesSource(key: string, source: MyTramitesSource): void {
  sources.set(key, source);
}

export async function listMyTramites(tenantId: string, userId: string): Promise<MyTramite[]> {
  const lists = await Promise.all([...sources.values()].map((source) => source(tenantId, userId)));
  return lists.flat().sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime());
}
