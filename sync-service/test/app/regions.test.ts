// Regions are a list: a cluster or department names a region that exists or asks for a new one; the
// same region written another way, or a near miss, is refused with the closest names. Both backends.
import { describe, expect, it } from 'vitest';
import { addCluster, addDepartment } from '../../src/app/admin.ts';
import { AppError } from '../../src/app/errors.ts';
import { closestRegions, regionKey } from '../../src/app/regions.ts';
import { BACKENDS, useStores } from '../helpers/store-backends.ts';

describe('region names', () => {
  it('compares without case, ё, punctuation and the usual abbreviations', () => {
    expect(regionKey('Калужская обл.')).toBe(regionKey('Калужская область'));
    expect(regionKey('Респ. Татарстан')).toBe(regionKey('Республика Татарстан'));
    expect(regionKey('г. Москва')).toBe(regionKey('Москва'));
    expect(regionKey('Ханты-Мансийский АО')).toBe(regionKey('Ханты-Мансийский автономный округ'));
    expect(regionKey('Томская область')).not.toBe(regionKey('Омская область'));
  });

  it('suggests the closest names first', () => {
    const names = ['Калужская область', 'Калининградская область', 'Томская область', 'Пермский край'];
    expect(closestRegions('Калуская область', names)[0]).toBe('Калужская область');
    expect(closestRegions('Пермский кр.', names)).toEqual(['Пермский край']);
    expect(closestRegions('Якутия', names)).toEqual([]);
  });
});

describe.each(BACKENDS)('regions on $name', (backend) => {
  const stores = useStores(backend);

  const refused = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  };

  it('takes an existing region or a new one on request, refuses near misses', async () => {
    const { store } = await stores.fresh();
    const first = await refused(addCluster(store, { slug: 'k1', name: 'К', region: 'Калужская область' }));
    expect(first.message).toContain('--new-region');
    await addCluster(store, { slug: 'k1', name: 'К', region: 'Калужская область', newRegion: true });
    await addCluster(store, { slug: 'k2', name: 'К2', region: 'Калужская область' });

    const abbreviated = await refused(
      addDepartment(store, { slug: 'kaluga-edu', name: 'Министерство', region: 'Калужская обл.' }),
    );
    expect(abbreviated.code).toBe('invalid');
    expect(abbreviated.message).toContain('«Калужская область»');
    // Not even as a «new» region: it is the same one.
    await refused(
      addDepartment(store, { slug: 'kaluga-edu', name: 'М', region: 'калужская  обл', newRegion: true }),
    );
    const typo = await refused(
      addDepartment(store, { slug: 'kaluga-edu', name: 'М', region: 'Калуская область' }),
    );
    expect(typo.reason).toBe('region_near_miss');
    expect(typo.message).toContain('Похожие: «Калужская область»');
    expect(await store.departments.list()).toEqual([]);

    const dep = await addDepartment(store, { slug: 'kaluga-edu', name: 'М', region: 'Калужская область' });
    expect(dep.region).toBe('Калужская область');
    // A different region that merely looks alike is a new one when asked for.
    await addCluster(store, { slug: 'o1', name: 'О', region: 'Омская область', newRegion: true });
    expect((await store.regions.list()).map((r) => r.name)).toEqual(['Калужская область', 'Омская область']);
  });
});
