// .docx → blocks (paragraphs and tables in body order). The body is streamed through a SAX
// parser; list labels are rebuilt from numbering.xml and styles.xml (see word-numbering.ts);
// gridSpan / hMerge / vMerge make the cells a merge covers null.
import type { SaxesTagPlain } from 'saxes';
import { type Block, BlockBuilder } from './document-blocks.ts';
import type { ReadLimits } from './limits.ts';
import { numberingCollector, stylesCollector, WordNumbering } from './word-numbering.ts';
import { parseMember } from './xml.ts';
import { ZipArchive } from './zip.ts';

/** Parts whose text is not the body's (text boxes, alternative content, deleted runs, fields). */
const SKIPPED = new Set([
  'w:txbxContent',
  'mc:Fallback',
  'w:del',
  'w:instrText',
  'w:delText',
  'w:pPrChange',
  'w:rPrChange',
  'w:tblPrChange',
  'w:tcPrChange',
  'w:trPrChange',
]);

export async function readDocxBlocks(
  source: string | Uint8Array,
  file: string,
  limits: ReadLimits,
): Promise<Block[]> {
  const zip = await ZipArchive.open(source, file, limits, 'документ Word');
  try {
    const main = zip.has('word/document.xml') ? 'word/document.xml' : null;
    if (!main) throw zip.broken('в архиве нет word/document.xml (это не документ Word)');
    const numbering = new WordNumbering();
    if (zip.has('word/styles.xml')) {
      const c = stylesCollector(numbering);
      await parseMember(zip, 'word/styles.xml', {
        open: (t) => c.open(t.name, t.attributes),
        close: c.close,
      });
    }
    if (zip.has('word/numbering.xml')) {
      const c = numberingCollector(numbering);
      await parseMember(zip, 'word/numbering.xml', {
        open: (t) => c.open(t.name, t.attributes),
        close: c.close,
      });
    }
    const builder = new BlockBuilder(file, limits);
    await parseMember(zip, main, bodyHandlers(builder, numbering));
    return builder.blocks;
  } finally {
    zip.close();
  }
}

function bodyHandlers(builder: BlockBuilder, numbering: WordNumbering) {
  let skipped = 0;
  let inText = false;
  let paragraph: string | null = null;
  let inPPr = false;
  let pStyle: string | undefined;
  let numId: string | undefined;
  let ilvl: number | undefined;
  // The cell being read: its span, and whether a merge covers it.
  let span = 1;
  let covered = false;
  let gridBefore = 0;
  let inTrPr = false;
  return {
    open(tag: SaxesTagPlain) {
      const name = tag.name;
      if (skipped > 0 || SKIPPED.has(name)) {
        if (!tag.isSelfClosing) skipped++;
        return;
      }
      const val = tag.attributes['w:val'];
      switch (name) {
        case 'w:p':
          paragraph = '';
          pStyle = undefined;
          numId = undefined;
          ilvl = undefined;
          if (tag.isSelfClosing) endParagraph();
          break;
        case 'w:pPr':
          inPPr = !tag.isSelfClosing;
          break;
        case 'w:pStyle':
          if (inPPr) pStyle = val;
          break;
        case 'w:numId':
          if (inPPr) numId = val;
          break;
        case 'w:ilvl':
          if (inPPr) ilvl = Number(val ?? 0);
          break;
        case 'w:t':
          inText = !tag.isSelfClosing;
          break;
        case 'w:tab':
          if (paragraph !== null && !inPPr) paragraph += ' ';
          break;
        case 'w:br':
          if (
            paragraph !== null &&
            tag.attributes['w:type'] !== 'page' &&
            tag.attributes['w:type'] !== 'column'
          )
            paragraph += '\n';
          break;
        case 'w:cr':
          if (paragraph !== null) paragraph += '\n';
          break;
        case 'w:noBreakHyphen':
          if (paragraph !== null) paragraph += '-';
          break;
        case 'w:tbl':
          builder.startTable();
          break;
        case 'w:tr':
          gridBefore = 0;
          break;
        case 'w:trPr':
          inTrPr = !tag.isSelfClosing;
          break;
        case 'w:gridBefore':
          if (inTrPr) gridBefore = Number(val ?? 0);
          break;
        case 'w:tc':
          if (gridBefore >= 0) {
            // The row starts at its first cell (trPr with gridBefore comes before it).
            builder.startRow(gridBefore);
            gridBefore = -1;
          }
          span = 1;
          covered = false;
          builder.startCell(1, false);
          break;
        case 'w:gridSpan':
          span = Math.max(1, Number(val ?? 1));
          break;
        case 'w:vMerge':
        case 'w:hMerge':
          // No value (or "continue") marks a cell the merge above or to the left covers.
          covered = val === undefined || val === 'continue';
          break;
        case 'w:tcPr':
          break;
      }
    },
    close(name: string) {
      if (skipped > 0) {
        skipped--;
        return;
      }
      switch (name) {
        case 'w:t':
          inText = false;
          break;
        case 'w:pPr':
          inPPr = false;
          break;
        case 'w:trPr':
          inTrPr = false;
          break;
        case 'w:tcPr':
          builder.startCell(span, covered);
          break;
        case 'w:p':
          endParagraph();
          break;
        case 'w:tc':
          builder.endCell();
          break;
        case 'w:tr':
          if (gridBefore >= 0) builder.startRow(gridBefore); // a row without cells
          builder.endRow();
          break;
        case 'w:tbl':
          builder.endTable();
          break;
      }
    },
    text(text: string) {
      if (inText && skipped === 0 && paragraph !== null) paragraph += text;
    },
  };

  function endParagraph(): void {
    if (paragraph === null) return;
    const list = numbering.resolve({ numId, ilvl }, pStyle);
    const label = list ? numbering.label(list.numId, list.ilvl) : '';
    builder.paragraph(label + paragraph);
    paragraph = null;
  }
}
