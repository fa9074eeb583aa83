import { describe, expect, it } from 'vitest';
import type { Actor } from '../../platform/authz/actor.ts';
import { createDependenciaDirectory, type Dependencia } from './dependencias.ts';

const HACIENDA: Dependencia = {
  id: '11111111-1111-4111-8111-111111111111',
  code: 'hacienda',
  name: 'Hacienda',
};
const CAME: Dependencia = { id: '22222222-2222-4222-8222-222222222222', code: 'came', name: 'CAME' };

function source(initial: Dependencia[]) {
  const state = { rows: initial, reads: 0 };
  return {
    state,
    listDependencias: async () => {
      state.reads += 1;
      return state.rows;
    },
  };
}

const official = (dependenciaId: string | null): Actor => ({
  userId: '33333333-3333-4333-8333-333333333333',
  tenantId: 'tenant',
  label: 'Funcionaria',
  kind: 'official',
  permissions: new Set(),
  dependenciaId,
});

describe('the dependencia directory', () => {
  it('finds by code and id with one read, and reads again for a dependencia added since', async () => {
    const fake = source([HACIENDA]);
    const directory = createDependenciaDirectory(fake);
    expect(await directory.byCode('tenant', 'hacienda')).toEqual(HACIENDA);
    expect(await directory.byId('tenant', HACIENDA.id)).toEqual(HACIENDA);
    expect(fake.state.reads).toBe(1);
    fake.state.rows = [HACIENDA, CAME];
    expect(await directory.byCode('tenant', 'came')).toEqual(CAME);
    expect(await directory.byCode('tenant', 'bomberos')).toBeUndefined();
  });

  it('gives an official the dependencia of their session, and nobody else one', async () => {
    const directory = createDependenciaDirectory(source([HACIENDA, CAME]));
    expect(await directory.ofActor(official(CAME.id))).toEqual(CAME);
    expect(await directory.ofActor(official(null))).toBeNull();
    expect(await directory.ofActor({ ...official(CAME.id), kind: 'citizen' })).toBeNull();
  });
});
