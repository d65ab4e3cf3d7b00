// A cluster's or department's code (slug): one rule for the service's inputs, its store and the add-in.
/** Lower-case Latin letters, digits and hyphens, starting with a letter or digit, at most 63 characters. */
export const SLUG_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;

export const SLUG_RULE_RU = 'латинские строчные буквы, цифры и дефис, до 63 знаков (например kaluga-mash)';

export function isSlug(text: string): boolean {
  return SLUG_PATTERN.test(text);
}
