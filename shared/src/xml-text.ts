// The one text rule for every string that enters the service (sync, import, query, path, file
// name) and every string a report writes: what XML 1.0 cannot hold is removed (NUL and the other
// C0 controls but tab, line feed and carriage return; U+FFFE, U+FFFF), and a lone surrogate
// becomes U+FFFD. Both store backends then hold the same text, and every report part stays
// well-formed XML whatever the cells held.

const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const SUSPECT = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/** The text with the rule applied; the same string when nothing needed it (the usual case). */
export function xmlSafeText(text: string): string {
  if (!SUSPECT.test(text)) return text;
  return text.replace(LONE_SURROGATE, '\uFFFD').replace(NOT_XML, '');
}

/** True when the text would change under xmlSafeText. */
export function hasUnsafeText(text: string): boolean {
  return xmlSafeText(text) !== text;
}

/**
 * Applies xmlSafeText to every string in a JSON-like value (arrays and plain objects, keys too),
 * in place; Dates and other objects are left as they are. Returns the value.
 */
export function xmlSafeDeep<T>(value: T): T {
  return clean(value) as T;
}

function clean(value: unknown): unknown {
  if (typeof value === 'string') return xmlSafeText(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v = value[i];
      if (v !== null && typeof v !== 'number' && typeof v !== 'boolean') value[i] = clean(v);
    }
    return value;
  }
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const v = record[key];
      const safe = typeof v === 'string' || (v !== null && typeof v === 'object') ? clean(v) : v;
      const safeKey = xmlSafeText(key);
      if (safeKey !== key) delete record[key];
      // defineProperty, not assignment: a JSON key "__proto__" stays a plain property.
      if (safeKey !== key || safe !== v)
        Object.defineProperty(record, safeKey, {
          value: safe,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
    return record;
  }
  return value;
}
