// Word's automatic numbering (numbering.xml, ECMA-376 §17.9): a paragraph with numPr (its own or
// its style's) gets a label built from its list level's lvlText («%1.%2.») and counters kept per
// abstract list, so lists that share an abstractNum continue each other unless a num restarts it.
import { formatNumber, ListCounters } from './list-labels.ts';

interface Level {
  start: number;
  format: string;
  text: string;
  /** Restart after a use of this (0-based) level or a shallower one; null: never restart. */
  restart: number | null | undefined;
  legal: boolean;
  suffix: 'tab' | 'space' | 'nothing';
  style?: string;
}

interface Num {
  abstractId: string;
  overrides: Map<number, { start?: number; level?: Partial<Level> }>;
}

export interface StyleNumbering {
  numId?: string;
  ilvl?: number;
  basedOn?: string;
}

export class WordNumbering {
  readonly abstracts = new Map<string, Level[]>();
  readonly nums = new Map<string, Num>();
  readonly styles = new Map<string, StyleNumbering>();
  private readonly counters = new Map<string, ListCounters>();
  private readonly started = new Set<string>();

  /** numPr of a paragraph (direct, else from its style chain) → its numId and level. */
  resolve(
    direct: { numId?: string; ilvl?: number },
    style: string | undefined,
  ): { numId: string; ilvl: number } | null {
    let numId = direct.numId;
    let ilvl = direct.ilvl;
    let s = style;
    for (let hops = 0; s !== undefined && hops < 20; hops++) {
      const st = this.styles.get(s);
      if (!st) break;
      numId ??= st.numId;
      ilvl ??= st.ilvl;
      s = st.basedOn;
    }
    if (numId === undefined || numId === '0') return null;
    if (ilvl === undefined && style !== undefined) {
      // A level can name the style that carries it (lvl/pStyle).
      const abs = this.abstracts.get(this.nums.get(numId)?.abstractId ?? '');
      const found = abs?.findIndex((l) => l?.style === style) ?? -1;
      if (found >= 0) ilvl = found;
    }
    return { numId, ilvl: ilvl ?? 0 };
  }

  /** The label of the next paragraph of the list («1.2.» plus its separator), or '' for none. */
  label(numId: string, ilvl: number): string {
    const num = this.nums.get(numId);
    if (!num) return '';
    const base = this.abstracts.get(num.abstractId);
    if (!base) return '';
    const levelOf = (i: number): Level | undefined => {
      const o = num.overrides.get(i)?.level;
      const l = base[i];
      return o && l ? { ...l, ...o } : (l ?? (o as Level | undefined));
    };
    let counters = this.counters.get(num.abstractId);
    if (!counters) {
      counters = new ListCounters();
      this.counters.set(num.abstractId, counters);
    }
    // A num that overrides a start begins its levels afresh the first time it is used.
    if (!this.started.has(numId)) {
      this.started.add(numId);
      for (const [i, o] of num.overrides) if (o.start !== undefined) counters.restart(i);
    }
    const startOf = (i: number) => num.overrides.get(i)?.start ?? levelOf(i)?.start ?? 1;
    const level = levelOf(ilvl);
    if (!level) return '';
    const values = counters.next(ilvl, startOf(ilvl), (d) => {
      const r = levelOf(d)?.restart;
      return r === undefined || (r !== null && ilvl <= r - 1);
    });
    if (level.format === 'bullet' || level.format === 'none') return '';
    const text = level.text.replace(/%([1-9])/g, (_, k: string) => {
      const i = Number(k) - 1;
      const v = values[i] ?? startOf(i);
      return formatNumber(v, level.legal ? 'decimal' : (levelOf(i)?.format ?? 'decimal'));
    });
    if (text.trim() === '') return '';
    return level.suffix === 'nothing' ? text : `${text} `;
  }
}

/** Reads numbering.xml's tags as the SAX parser gives them. */
export function numberingCollector(numbering: WordNumbering) {
  let abstractId: string | null = null;
  let levels: Level[] = [];
  let level: Level | null = null;
  let levelIndex = 0;
  let num: { id: string; value: Num } | null = null;
  let override: { start?: number; level?: Partial<Level> } | null = null;
  let inOverrideLevel = false;
  return {
    open(name: string, a: Record<string, string>) {
      const val = a['w:val'];
      switch (name) {
        case 'w:abstractNum':
          abstractId = a['w:abstractNumId'] ?? null;
          levels = [];
          break;
        case 'w:lvl':
          levelIndex = Number(a['w:ilvl'] ?? 0);
          level = { start: 1, format: 'decimal', text: '', restart: undefined, legal: false, suffix: 'tab' };
          if (override) inOverrideLevel = true;
          break;
        case 'w:start':
          if (level) level.start = Number(val ?? 1);
          break;
        case 'w:numFmt':
          if (level && val) level.format = val;
          break;
        case 'w:lvlText':
          if (level) level.text = val ?? '';
          break;
        case 'w:lvlRestart':
          if (level) level.restart = Number(val) === 0 ? null : Number(val);
          break;
        case 'w:isLgl':
          if (level) level.legal = val !== '0' && val !== 'false';
          break;
        case 'w:suff':
          if (level && (val === 'space' || val === 'nothing' || val === 'tab')) level.suffix = val;
          break;
        case 'w:pStyle':
          if (level && val) level.style = val;
          break;
        case 'w:num':
          num = { id: a['w:numId'] ?? '', value: { abstractId: '', overrides: new Map() } };
          break;
        case 'w:abstractNumId':
          if (num && val !== undefined) num.value.abstractId = val;
          break;
        case 'w:lvlOverride':
          if (num) {
            override = {};
            num.value.overrides.set(Number(a['w:ilvl'] ?? 0), override);
          }
          break;
        case 'w:startOverride':
          if (override) override.start = Number(val ?? 1);
          break;
      }
    },
    close(name: string) {
      switch (name) {
        case 'w:lvl':
          if (level) {
            if (inOverrideLevel && override) override.level = level;
            else levels[levelIndex] = level;
          }
          level = null;
          inOverrideLevel = false;
          break;
        case 'w:abstractNum':
          if (abstractId !== null) numbering.abstracts.set(abstractId, levels);
          abstractId = null;
          break;
        case 'w:lvlOverride':
          override = null;
          break;
        case 'w:num':
          if (num) numbering.nums.set(num.id, num.value);
          num = null;
          break;
      }
    },
  };
}

/** Reads styles.xml's paragraph styles: their numPr and basedOn. */
export function stylesCollector(numbering: WordNumbering) {
  let id: string | null = null;
  let style: StyleNumbering = {};
  return {
    open(name: string, a: Record<string, string>) {
      const val = a['w:val'];
      if (name === 'w:style') {
        id = a['w:styleId'] ?? null;
        style = {};
      } else if (id !== null) {
        if (name === 'w:basedOn' && val) style.basedOn = val;
        else if (name === 'w:numId' && val !== undefined) style.numId = val;
        else if (name === 'w:ilvl' && val !== undefined) style.ilvl = Number(val);
      }
    },
    close(name: string) {
      if (name === 'w:style' && id !== null) {
        numbering.styles.set(id, style);
        id = null;
      }
    },
  };
}
