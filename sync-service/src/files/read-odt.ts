// .odt → blocks. content.xml's body is streamed: paragraphs and headings, tables (spanned cells,
// covered cells and repeated rows/cells), lists whose labels are rebuilt from their list styles
// (num-format, prefix, suffix, display-levels, start values, continued lists) unless the file
// wrote the label itself (text:number).
import type { SaxesTagPlain } from 'saxes';
import { type Block, BlockBuilder } from './document-blocks.ts';
import type { ReadLimits } from './limits.ts';
import { formatNumber, ListCounters, odfFormat } from './list-labels.ts';
import { parseMember } from './xml.ts';
import { ZipArchive } from './zip.ts';

interface ListLevel {
  format: string;
  prefix: string;
  suffix: string;
  display: number;
  start: number;
}

type ListStyles = Map<string, ListLevel[]>;

const SKIPPED = new Set([
  'text:note',
  'office:annotation',
  'draw:frame',
  'text:tracked-changes',
  'text:bookmark-ref',
]);

export async function readOdtBlocks(
  source: string | Uint8Array,
  file: string,
  limits: ReadLimits,
): Promise<Block[]> {
  const zip = await ZipArchive.open(source, file, limits, 'документ ODT');
  try {
    if (!zip.has('content.xml')) throw zip.broken('в архиве нет content.xml (это не документ OpenDocument)');
    const styles: ListStyles = new Map();
    if (zip.has('styles.xml')) await parseMember(zip, 'styles.xml', listStyleHandlers(styles));
    const builder = new BlockBuilder(file, limits);
    const list = listStyleHandlers(styles);
    const body = bodyHandlers(builder, styles);
    await parseMember(zip, 'content.xml', {
      open(tag) {
        list.open(tag);
        body.open(tag);
      },
      close(name) {
        list.close(name);
        body.close(name);
      },
      text: body.text,
    });
    return builder.blocks;
  } finally {
    zip.close();
  }
}

function listStyleHandlers(styles: ListStyles) {
  let current: ListLevel[] | null = null;
  return {
    open(tag: SaxesTagPlain) {
      const a = tag.attributes;
      if (tag.name === 'text:list-style') {
        current = [];
        styles.set(a['style:name'] ?? '', current);
      } else if (
        current &&
        (tag.name === 'text:list-level-style-number' || tag.name === 'text:list-level-style-bullet')
      ) {
        const level = Number(a['text:level'] ?? 1) - 1;
        const numbered = tag.name === 'text:list-level-style-number';
        current[level] = {
          format: numbered ? odfFormat(a['style:num-format']) : 'bullet',
          prefix: a['style:num-prefix'] ?? '',
          suffix: a['style:num-suffix'] ?? '',
          display: Number(a['text:display-levels'] ?? 1),
          start: Number(a['text:start-value'] ?? 1),
        };
      }
    },
    close(name: string) {
      if (name === 'text:list-style') current = null;
    },
  };
}

interface OpenList {
  style: string;
  counters: ListCounters;
  /** The item being read has had its label given to its first paragraph. */
  labelled: boolean;
  startValue?: number;
  header: boolean;
}

function bodyHandlers(builder: BlockBuilder, styles: ListStyles) {
  let inBody = false;
  let skipped = 0;
  const paragraphs: string[] = [];
  const lists: OpenList[] = [];
  /** The last list of each style and by xml:id, for continue-numbering / continue-list. */
  const lastByStyle = new Map<string, ListCounters>();
  const byId = new Map<string, { counters: ListCounters; style: string }>();
  let written: string | null = null;
  let inNumber = false;
  let rowRepeat = 1;
  let cellRepeat = 1;
  const top = () => paragraphs.length - 1;
  const add = (text: string) => {
    if (paragraphs.length > 0) paragraphs[top()] += text;
  };

  function label(): string {
    const list = lists[lists.length - 1];
    if (!list || list.labelled || list.header) return '';
    list.labelled = true;
    if (written !== null) return written;
    const level = lists.length - 1;
    const levels = styles.get(list.style) ?? [];
    const def = levels[level];
    if (!def || def.format === 'bullet' || def.format === 'none') return '';
    const values = list.counters.next(level, list.startValue ?? def.start);
    const parts: string[] = [];
    for (let l = Math.max(0, level - def.display + 1); l <= level; l++) {
      parts.push(formatNumber(values[l] ?? levels[l]?.start ?? 1, levels[l]?.format ?? 'decimal'));
    }
    return `${def.prefix}${parts.join('.')}${def.suffix} `;
  }

  return {
    open(tag: SaxesTagPlain) {
      const name = tag.name;
      const a = tag.attributes;
      if (name === 'office:text') {
        inBody = true;
        return;
      }
      if (!inBody) return;
      if (skipped > 0 || SKIPPED.has(name)) {
        if (!tag.isSelfClosing) skipped++;
        return;
      }
      switch (name) {
        case 'text:p':
        case 'text:h':
          paragraphs.push('');
          if (tag.isSelfClosing) endParagraph();
          break;
        case 'text:s':
          add(' '.repeat(Math.min(Number(a['text:c'] ?? 1), 100)));
          break;
        case 'text:tab':
          add(' ');
          break;
        case 'text:line-break':
          add('\n');
          break;
        case 'text:number':
          inNumber = true;
          written = '';
          break;
        case 'text:list': {
          const parent = lists[lists.length - 1];
          const style = a['text:style-name'] ?? parent?.style ?? '';
          let counters: ListCounters;
          if (parent) counters = parent.counters;
          else if (a['text:continue-list'] && byId.has(a['text:continue-list']))
            counters = byId.get(a['text:continue-list'])!.counters;
          else if (a['text:continue-numbering'] === 'true' && lastByStyle.has(style))
            counters = lastByStyle.get(style)!;
          else counters = new ListCounters();
          if (!parent) {
            lastByStyle.set(style, counters);
            if (a['xml:id']) byId.set(a['xml:id'], { counters, style });
          }
          lists.push({ style, counters, labelled: false, header: false });
          break;
        }
        case 'text:list-item':
        case 'text:list-header': {
          const list = lists[lists.length - 1];
          if (list) {
            list.labelled = false;
            list.header = name === 'text:list-header';
            const start = a['text:start-value'];
            list.startValue = start === undefined ? undefined : Number(start);
            if (list.startValue !== undefined) list.counters.restart(lists.length - 1);
            // The item's own label is the first paragraph's; nested lists label their own items.
            for (const outer of lists.slice(0, -1)) outer.labelled = true;
          }
          written = null;
          break;
        }
        case 'table:table':
          builder.startTable();
          break;
        case 'table:table-row':
          rowRepeat = Math.max(1, Number(a['table:number-rows-repeated'] ?? 1));
          builder.startRow();
          break;
        case 'table:table-cell':
        case 'table:covered-table-cell':
          cellRepeat = Math.max(1, Number(a['table:number-columns-repeated'] ?? 1));
          // A spanned cell is followed by covered cells in the file: each takes its own column.
          builder.startCell(1, name === 'table:covered-table-cell');
          if (tag.isSelfClosing) builder.endCell(cellRepeat);
          break;
      }
    },
    close(name: string) {
      if (name === 'office:text') {
        inBody = false;
        return;
      }
      if (!inBody) return;
      if (skipped > 0) {
        skipped--;
        return;
      }
      switch (name) {
        case 'text:p':
        case 'text:h':
          endParagraph();
          break;
        case 'text:number':
          inNumber = false;
          if (written !== null && written !== '' && !/\s$/.test(written)) written += ' ';
          break;
        case 'text:list':
          lists.pop();
          break;
        case 'table:table-cell':
        case 'table:covered-table-cell':
          builder.endCell(cellRepeat);
          break;
        case 'table:table-row':
          builder.endRow(rowRepeat);
          break;
        case 'table:table':
          builder.endTable();
          break;
      }
    },
    text(text: string) {
      if (!inBody || skipped > 0) return;
      if (inNumber) written = (written ?? '') + text;
      else add(text);
    },
  };

  function endParagraph(): void {
    const text = paragraphs.pop();
    if (text === undefined) return;
    // A paragraph inside another (never in practice) joins its parent's text.
    if (paragraphs.length > 0) {
      add(text);
      return;
    }
    builder.paragraph(label() + text);
  }
}
