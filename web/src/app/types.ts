export type UserKind = 'ciudadano' | 'funcionario';

export interface Dependencia {
  code: string;
  name: string;
}

export interface Me {
  id: string;
  kind: UserKind;
  fullName: string;
  email: string;
  documentType: string;
  documentNumber: string;
  dependencia: Dependencia | null;
  roles: string[];
  permissions: string[];
  totpEnabled: boolean;
}

export interface Session {
  user: Me;
  csrfToken: string;
}

export interface TenantContact {
  address?: string;
  phone?: string;
  email?: string;
  hours?: string;
  website?: string;
  notificationsEmail?: string;
}

export interface DemoAccount {
  role: string;
  login: string;
  password: string;
}

export interface Tenant {
  divipola: string;
  name: string;
  department: string;
  entityName: string;
  contact: TenantContact;
  demo: boolean;
  demoAccounts?: DemoAccount[];
}

export interface Paged<T> {
  items: T[];
  total: number;
  page?: number;
  pageSize?: number;
}

export interface MessageResponse {
  message?: string;
}
