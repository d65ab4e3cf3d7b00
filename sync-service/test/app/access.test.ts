// The one read rule: readableScope(principal) names exactly the clusters canRead allows, and the
// application errors keep their HTTP status and answer code.
import { describe, expect, it } from 'vitest';
import { canRead, type Principal, readableScope } from '../../src/app/access.ts';
import { AppError, conflict, forbidden, invalid, notFound } from '../../src/app/errors.ts';
import { fromAppError } from '../../src/http/errors.ts';

const clusters = [
  { id: 'c1', slug: 'kaluga', region: 'Калужская область' },
  { id: 'c2', slug: 'obninsk', region: 'Калужская область' },
  { id: 'c3', slug: 'tomsk', region: 'Томская область' },
];

const principals: Principal[] = [
  { kind: 'admin', tokenId: 't0' },
  { kind: 'cluster', tokenId: 't1', clusterId: 'c2', clusterSlug: 'obninsk', region: 'Калужская область' },
  { kind: 'department', tokenId: 't2', departmentId: 'd1', region: 'Калужская область' },
  { kind: 'department', tokenId: 't3', departmentId: 'd2', region: 'Смоленская область' },
];

/** The store's scope filter, applied to a list in memory. */
function within(scope: ReturnType<typeof readableScope>, c: (typeof clusters)[number]): boolean {
  return (
    (!scope.clusterSlugs || scope.clusterSlugs.includes(c.slug)) &&
    (scope.region === undefined || scope.region === c.region)
  );
}

describe('readableScope', () => {
  it.each(principals)('names the clusters canRead allows ($kind)', (p) => {
    const scope = readableScope(p);
    expect(clusters.filter((c) => within(scope, c))).toEqual(clusters.filter((c) => canRead(p, c)));
  });
});

describe('AppError over HTTP', () => {
  it('maps each code to its status and the answer code the API has always given', () => {
    const cases: [AppError, number, string][] = [
      [invalid('x', [{ path: 'query.cluster', message: 'нужен slug кластера' }]), 400, 'invalid_request'],
      [notFound('x'), 404, 'not_found'],
      [forbidden('x'), 403, 'forbidden'],
      [conflict('x'), 409, 'conflict'],
      [new AppError('unreadable', 'x', { reason: 'no_table' }), 422, 'no_table'],
      [new AppError('unsupported', 'x', { reason: 'file_unsupported' }), 415, 'file_unsupported'],
      [new AppError('unavailable', 'x', { reason: 'shutting_down' }), 503, 'shutting_down'],
      [new AppError('too_large', 'x'), 413, 'payload_too_large'],
    ];
    for (const [error, status, code] of cases) {
      expect(fromAppError(error)).toMatchObject({ status, code, message: 'x' });
    }
    expect(fromAppError(cases[0][0]).issues).toEqual([
      { path: 'query.cluster', message: 'нужен slug кластера' },
    ]);
    expect(
      fromAppError(
        new AppError('unreadable', 'x', { details: [{ sheet: 'План', row: 4, column: 2, message: 'm' }] }),
      ).issues,
    ).toEqual([{ path: 'План:4:2', message: 'm' }]);
  });
});
