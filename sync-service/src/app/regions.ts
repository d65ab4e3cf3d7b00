// Regions are a list, not free text: a cluster or department names a region that exists, or asks
// for a new one. A name that is the same region written another way («Калужская обл.» for
// «Калужская область») or close to one is refused with the closest names, so that a department
// never ends up alone in a region of its own.
import type { Store } from '../store/api.ts';
import { normalTitle, similarity } from '../sync/match.ts';
import { AppError } from './errors.ts';

// Abbreviations of the kinds of Russian regions (and the city prefix) in their full form.
const WORDS: Record<string, string> = {
  обл: 'область',
  респ: 'республика',
  кр: 'край',
  ао: 'автономный округ',
  авт: 'автономный',
  окр: 'округ',
  г: '',
  город: '',
};

/** The region's name as compared: case, ё, punctuation, abbreviations and «г.» do not count. */
export function regionKey(name: string): string {
  return normalTitle(name)
    .split(' ')
    .map((w) => WORDS[w] ?? w)
    .filter(Boolean)
    .join(' ');
}

const SUGGEST_SIMILARITY = 0.5;

/** Up to three registered names closest to `name`, the closest first. */
export function closestRegions(name: string, names: readonly string[]): string[] {
  const key = regionKey(name);
  return names
    .map((n) => ({ n, score: similarity(key, regionKey(n)) }))
    .filter((x) => x.score >= SUGGEST_SIMILARITY)
    .sort((a, b) => b.score - a.score || a.n.localeCompare(b.n, 'ru'))
    .slice(0, 3)
    .map((x) => x.n);
}

const quoted = (names: readonly string[]) => names.map((n) => `«${n}»`).join(', ');

/**
 * The region to register under: `region` when it exists, or when `newRegion` asks for it and no
 * registered region is the same one written differently. Otherwise AppError 'invalid' naming the
 * closest registered regions.
 */
export async function checkRegion(
  store: Pick<Store, 'regions'>,
  region: string,
  newRegion: boolean | undefined,
): Promise<string> {
  const name = region.trim();
  const names = (await store.regions.list()).map((r) => r.name);
  if (names.includes(name)) return name;
  const key = regionKey(name);
  const same = names.find((n) => regionKey(n) === key);
  const details = [{ path: 'region', message: 'регион не из списка' }];
  if (same) {
    throw new AppError('invalid', `Регион «${name}» уже есть под именем «${same}»: укажите его так`, {
      reason: 'region_near_miss',
      details,
    });
  }
  if (newRegion) return name;
  const closest = closestRegions(name, names);
  const hint = 'чтобы добавить новый регион, укажите --new-region (в API: "newRegion": true)';
  if (closest.length > 0) {
    throw new AppError('invalid', `Регион «${name}» не найден. Похожие: ${quoted(closest)}; ${hint}`, {
      reason: 'region_near_miss',
      details,
    });
  }
  const known = names.length
    ? `Регионы: ${quoted(names.slice(0, 10))}${names.length > 10 ? ', …' : ''}; `
    : '';
  throw new AppError('invalid', `Регион «${name}» не найден. ${known}${hint}`, {
    reason: 'region_unknown',
    details,
  });
}
