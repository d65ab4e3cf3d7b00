// Word's XML read by hand-written parts: list labels from numbering.xml (levels, lvlText, start,
// overrides, restarts, letter and roman formats, legal numbering, numbering from a style) and
// merged cells (gridSpan, vMerge, hMerge, gridBefore), as the grid reader expects them.
import { describe, expect, it } from 'vitest';
import type { Block } from '../../src/files/document-blocks.ts';
import { DEFAULT_LIMITS } from '../../src/files/limits.ts';
import { readDocxBlocks } from '../../src/files/read-docx.ts';
import { docxWith } from '../helpers/zip-build.ts';

const p = (text: string, num?: [number, number], style?: string) =>
  `<w:p><w:pPr>${style ? `<w:pStyle w:val="${style}"/>` : ''}${
    num ? `<w:numPr><w:ilvl w:val="${num[1]}"/><w:numId w:val="${num[0]}"/></w:numPr>` : ''
  }</w:pPr><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;

const lvl = (i: number, text: string, fmt = 'decimal', extra = '') =>
  `<w:lvl w:ilvl="${i}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/>${extra}<w:lvlText w:val="${text}"/></w:lvl>`;

async function paragraphs(body: string, numbering?: string, styles?: string): Promise<string[]> {
  const blocks = await readDocxBlocks(docxWith(body, { numbering, styles }), 'test.docx', DEFAULT_LIMITS);
  return blocks
    .filter((b): b is Extract<Block, { kind: 'paragraph' }> => b.kind === 'paragraph')
    .map((b) => b.text);
}

describe('Word automatic numbering', () => {
  it('builds «%1.%2.» labels, restarts deeper levels, continues lists that share an abstractNum', async () => {
    const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, '%1.')}${lvl(1, '%1.%2.')}</w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>`;
    const body = [
      p('Вопрос', [1, 0]),
      p('Решение', [1, 1]),
      p('Решение', [1, 1]),
      p('Вопрос', [1, 0]),
      p('Решение', [1, 1]),
      p('Без номера'),
      p('Продолжение', [2, 0]),
      p('Заново', [3, 0]),
    ].join('');
    expect(await paragraphs(body, numbering)).toEqual([
      '1. Вопрос',
      '1.1. Решение',
      '1.2. Решение',
      '2. Вопрос',
      '2.1. Решение',
      'Без номера',
      '3. Продолжение',
      '1. Заново',
    ]);
  });

  it('formats letters (Latin and Russian), roman numerals, legal numbering and a start value', async () => {
    const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, '%1)', 'russianLower')}${lvl(1, '%2.', 'upperRoman')}${lvl(
      2,
      '%1.%2.%3',
      'lowerLetter',
      '<w:isLgl/>',
    )}</w:abstractNum>
      <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="5"/><w:numFmt w:val="decimal"/><w:suff w:val="nothing"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>
      <w:abstractNum w:abstractNumId="2">${lvl(0, '•', 'bullet')}</w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
      <w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>
      <w:num w:numId="3"><w:abstractNumId w:val="2"/></w:num>`;
    const body = [
      p('а', [1, 0]),
      p('б', [1, 0]),
      p('I', [1, 1]),
      p('II', [1, 1]),
      p('legal', [1, 2]),
      p('Пятый', [2, 0]),
      p('точка', [3, 0]),
    ].join('');
    expect(await paragraphs(body, numbering)).toEqual([
      'а) а',
      'б) б',
      'I. I',
      'II. II',
      '2.2.1 legal',
      '5.Пятый',
      'точка',
    ]);
  });

  it('takes the numbering of a paragraph style, through basedOn, with the level the style names', async () => {
    const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, '%1.')}<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:pStyle w:val="Sub"/><w:lvlText w:val="%1.%2."/></w:lvl></w:abstractNum>
      <w:num w:numId="7"><w:abstractNumId w:val="0"/></w:num>`;
    const styles = `<w:style w:type="paragraph" w:styleId="Base"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Decision"><w:basedOn w:val="Base"/></w:style>
      <w:style w:type="paragraph" w:styleId="Sub"><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Off"><w:basedOn w:val="Base"/><w:pPr><w:numPr><w:numId w:val="0"/></w:numPr></w:pPr></w:style>`;
    const body = [
      p('Первое', undefined, 'Decision'),
      p('Подпункт', undefined, 'Sub'),
      p('Второе', undefined, 'Decision'),
      p('Без номера', undefined, 'Off'),
    ].join('');
    expect(await paragraphs(body, numbering, styles)).toEqual([
      '1. Первое',
      '1.1. Подпункт',
      '2. Второе',
      'Без номера',
    ]);
  });

  it('keeps a level that lvlRestart=0 says never restarts', async () => {
    const numbering = `<w:abstractNum w:abstractNumId="0">${lvl(0, '%1.')}${lvl(1, '(%2)', 'decimal', '<w:lvlRestart w:val="0"/>')}</w:abstractNum>
      <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>`;
    const body = [p('a', [1, 0]), p('b', [1, 1]), p('c', [1, 0]), p('d', [1, 1])].join('');
    expect(await paragraphs(body, numbering)).toEqual(['1. a', '(1) b', '2. c', '(2) d']);
  });
});

describe('Word tables', () => {
  const tc = (text: string, pr = '') => `<w:tc><w:tcPr>${pr}</w:tcPr>${p(text)}</w:tc>`;
  it('gives covered cells of gridSpan, vMerge and hMerge as null, and skips gridBefore columns', async () => {
    const body = `<w:tbl>
      <w:tr>${tc('№', '<w:vMerge w:val="restart"/>')}${tc('Срок', '<w:gridSpan w:val="2"/>')}${tc('Итог')}</w:tr>
      <w:tr>${tc('', '<w:vMerge/>')}${tc('начало')}${tc('конец')}${tc('x')}</w:tr>
      <w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr>${tc('b')}${tc('c', '<w:hMerge w:val="restart"/>')}${tc('hidden', '<w:hMerge/>')}</w:tr>
    </w:tbl>`;
    const [table] = await readDocxBlocks(docxWith(body), 't.docx', DEFAULT_LIMITS);
    expect(table).toEqual({
      kind: 'table',
      index: 1,
      rows: [
        ['№', 'Срок', null, 'Итог'],
        [null, 'начало', 'конец', 'x'],
        [null, 'b', 'c'],
      ],
    });
  });

  it('flattens a table nested in a cell into the cell’s lines and skips text boxes', async () => {
    const inner = `<w:tbl><w:tr>${tc('внутри 1')}${tc('внутри 2')}</w:tr></w:tbl>`;
    const body = `<w:tbl><w:tr><w:tc>${p('до')}${inner}${p('после')}</w:tc>${tc('b')}</w:tr></w:tbl>
      <w:p><w:r><w:t>Текст</w:t></w:r><w:r><w:drawing><w:txbxContent>${p('в рамке')}</w:txbxContent></w:drawing></w:r></w:p>`;
    const blocks = await readDocxBlocks(docxWith(body), 't.docx', DEFAULT_LIMITS);
    expect(blocks).toEqual([
      { kind: 'table', index: 1, rows: [['до\nвнутри 1\nвнутри 2\nпосле', 'b']] },
      { kind: 'paragraph', text: 'Текст' },
    ]);
  });
});
