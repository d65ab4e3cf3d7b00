// The items list's region and cluster filters over HTTP on both backends, at a scope too large for
// one select: an administrator gets a region select and a field for a part of the cluster's name,
// and the select of the clusters of the region chosen; the page stays small however many clusters
// there are; a department sees its region's clusters only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLUSTER_SELECT_MAX } from '../../../src/features/dashboard/views/items.ts';
import { page, signIn } from '../../helpers/dashboard.ts';
import { BACKENDS, type Harness, startHarness } from '../../helpers/http-harness.ts';
import { AS_OF, seedReportData } from '../../helpers/report-data.ts';

const MANY = 'Дальняя область';
const many = CLUSTER_SELECT_MAX + 20;

/** The options of a select: value and whether selected. */
function options(html: string, name: string): { value: string; selected: boolean }[] {
  const select = new RegExp(`<select name="${name}">([\\s\\S]*?)</select>`).exec(html);
  if (!select) return [];
  return [...select[1].matchAll(/<option(?: value="([^"]*)")?( selected)?>/g)].map((m) => ({
    value: m[1] ?? '',
    selected: Boolean(m[2]),
  }));
}

const total = (html: string) => Number(/\d+–\d+ (?:из|of) (\d+)/.exec(html)?.[1] ?? 0);

const clustersOf = (html: string) =>
  new Set(
    [...html.matchAll(/<tr data-item="[^"]+"[^>]*>\s*<td[^>]*>.*?<\/td>\s*<td[^>]*>([^<]*)</g)].map(
      (m) => m[1],
    ),
  );

describe.each(BACKENDS)('items list filters at a large scope on %s', (backend) => {
  let h: Harness;
  let admin: string;
  let department: string;

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedReportData(h.services.store);
    for (let k = 0; k < many; k++)
      await h.services.store.clusters.create({
        slug: `far-${String(k).padStart(3, '0')}`,
        name: `Кластер ${k}`,
        region: MANY,
      });
    await h.services.store.departments.create({
      slug: 'tomsk-edu',
      name: 'Департамент',
      region: 'Томская область',
    });
    admin = (await signIn(h.url, h.admin)).cookie;
    department = (await signIn(h.url, await h.token('department', 'tomsk-edu'))).cookie;
  }, 120_000);

  afterAll(async () => {
    await h?.close();
  });

  it('an administrator gives a part of the cluster name, or picks a region whose clusters the select lists', async () => {
    const all = await page(h.url, `/items?asOf=${AS_OF}`, admin);
    expect(all.status).toBe(200);
    const regions = options(all.html, 'region').map((o) => o.value);
    expect(regions).toEqual([
      '',
      'Дальняя область',
      'Калужская область',
      'Смоленская область',
      'Томская область',
    ]);
    // More clusters than a select holds: no select, a part of the name or a region instead.
    expect(options(all.html, 'cluster')).toEqual([]);
    expect(all.html).toContain(
      'name="clusterName" value="" maxlength="100" placeholder="часть названия или выберите регион"',
    );
    expect(all.html).not.toContain('far-000');

    const tomsk = await page(
      h.url,
      `/items?region=${encodeURIComponent('Томская область')}&asOf=${AS_OF}`,
      admin,
    );
    expect(options(tomsk.html, 'region').find((o) => o.selected)?.value).toBe('Томская область');
    expect(options(tomsk.html, 'cluster').map((o) => o.value)).toEqual([
      '',
      'tomsk-construction',
      'tomsk-industrial',
    ]);
    expect([...clustersOf(tomsk.html)].every((s) => s.startsWith('tomsk-'))).toBe(true);
    // Every item of the region's clusters, none of another's.
    const each = await Promise.all(
      ['tomsk-construction', 'tomsk-industrial'].map(async (c) =>
        total((await page(h.url, `/items?cluster=${c}&asOf=${AS_OF}`, admin)).html),
      ),
    );
    expect(total(tomsk.html)).toBe(each[0] + each[1]);
    expect(each[0] * each[1]).toBeGreaterThan(0);

    const far = await page(h.url, `/items?region=${encodeURIComponent(MANY)}&asOf=${AS_OF}`, admin);
    // Still too many for a select: the region's clusters are not listed either.
    expect(options(far.html, 'cluster')).toEqual([]);
    expect(far.html).toContain('placeholder="часть названия"');
    expect(far.html).toContain('Ничего не найдено');
    // A part of a name instead: any case, ё as е, the region too when one is chosen.
    const byName = await page(
      h.url,
      `/items?clusterName=${encodeURIComponent('ЛЕГКОЙ')}&asOf=${AS_OF}`,
      admin,
    );
    expect(byName.html).toContain('name="clusterName" value="ЛЕГКОЙ"');
    expect([...clustersOf(byName.html)]).toEqual(['smolensk-light']);
    const light = await page(h.url, `/items?cluster=smolensk-light&asOf=${AS_OF}`, admin);
    expect(total(byName.html)).toBe(total(light.html));
    const nothing = await page(
      h.url,
      `/items?clusterName=${encodeURIComponent('лёгкой')}&region=${encodeURIComponent(MANY)}&asOf=${AS_OF}`,
      admin,
    );
    expect(nothing.html).toContain('Ничего не найдено');
    // Even the full list of every cluster stays a small page.
    expect(Buffer.byteLength(all.html)).toBeLessThan(60_000);
  });

  it('a cluster asked for stays selected, and region and cluster filters combine', async () => {
    const one = await page(h.url, `/items?cluster=tomsk-industrial&asOf=${AS_OF}`, admin);
    expect(options(one.html, 'cluster')).toContainEqual({ value: 'tomsk-industrial', selected: true });
    expect([...clustersOf(one.html)]).toEqual(['tomsk-industrial']);
    const elsewhere = await page(
      h.url,
      `/items?cluster=tomsk-industrial&region=${encodeURIComponent('Смоленская область')}&asOf=${AS_OF}`,
      admin,
    );
    expect(elsewhere.html).toContain('Ничего не найдено');
    // The pager keeps the region.
    const smolensk = await page(
      h.url,
      `/items?region=${encodeURIComponent('Смоленская область')}&asOf=${AS_OF}`,
      admin,
    );
    const next = /rel="next" href="([^"]+)"/.exec(smolensk.html)?.[1].replace(/&amp;/g, '&');
    expect(next && new URL(next, h.url).searchParams.get('region')).toBe('Смоленская область');
  });

  it('a department sees no region select and cannot list another region', async () => {
    const own = await page(h.url, `/items?asOf=${AS_OF}`, department);
    expect(options(own.html, 'region')).toEqual([]);
    expect(options(own.html, 'cluster').map((o) => o.value)).toEqual([
      '',
      'tomsk-construction',
      'tomsk-industrial',
    ]);
    expect([...clustersOf(own.html)].every((s) => s.startsWith('tomsk-'))).toBe(true);
    const other = await page(
      h.url,
      `/items?region=${encodeURIComponent('Смоленская область')}&asOf=${AS_OF}`,
      department,
    );
    expect(other.status).toBe(200);
    expect(other.html).toContain('Ничего не найдено');
  });
});
