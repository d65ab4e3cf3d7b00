// CSV and text decoding: delimiters, BOM, Windows-1251, quoted multi-line cells.
import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/files/decode.ts';
import { detectDelimiter, readCsvGrid } from '../../src/files/read-csv.ts';

/** Windows-1251 bytes for a string, by inverting Node's own decoder (no encoder is built in). */
function cp1251(text: string): Uint8Array {
  const decoder = new TextDecoder('windows-1251');
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(decoder.decode(new Uint8Array([b])), b);
  return Uint8Array.from(
    [...text].map((ch) => {
      const b = table.get(ch);
      if (b === undefined) throw new Error(`not in cp1251: ${ch}`);
      return b;
    }),
  );
}

const utf8 = (text: string) => new TextEncoder().encode(text);

describe('decodeText', () => {
  const text = 'Срок исполнения;Ответственный\nсентябрь 2018 г.;Директор ОГБПОУ «СмолАПО»\n';

  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeText(utf8(text))).toEqual({ text, encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]))).toEqual({
      text,
      encoding: 'utf-8',
    });
  });

  it('falls back to Windows-1251 when the bytes are not UTF-8', () => {
    expect(decodeText(cp1251(text))).toEqual({ text, encoding: 'windows-1251' });
    expect(decodeText(cp1251('Ёлки; ёжик № 5'))).toEqual({
      text: 'Ёлки; ёжик № 5',
      encoding: 'windows-1251',
    });
  });

  it('reads UTF-16 with a BOM (Excel «Unicode text»)', () => {
    const le = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      le[2 + i * 2] = text.charCodeAt(i) & 0xff;
      le[3 + i * 2] = text.charCodeAt(i) >> 8;
    }
    expect(decodeText(le)).toEqual({ text, encoding: 'utf-16le' });
  });
});

describe('detectDelimiter', () => {
  it('prefers the delimiter that splits lines consistently over commas in text', () => {
    const semicolon = [
      'План работы, кластера;;;',
      '№;Мероприятие;Исполнитель;Срок',
      '1.1.;Совещание, семинар, круглый стол;Директор, завуч;май 2019',
      '1.2.;Конкурс;Колледж;июнь, июль 2019',
    ].join('\n');
    expect(detectDelimiter(semicolon)).toBe(';');
    expect(detectDelimiter('a,b,c\n1,"x; y; z",3\n4,5,6\n')).toBe(',');
    expect(detectDelimiter('№\tМероприятие\tСрок\n1.\tСовет, семинар\tмай; июнь\n')).toBe('\t');
  });
});

describe('readCsvGrid', () => {
  it('keeps quoted multi-line cells in one row, blanks as null, trims trailing empties', () => {
    const text = [
      'Дорожная карта на 2021 год;;;;',
      ';;;;',
      '№ п/п;Наименование мероприятия;Исполнители;Срок исполнения;',
      '1.1.;"Разработка ""модели""',
      'с наставничеством";Руководители ПОО;март 2021 г.;',
      '1.2.;Совет;;ежемесячно;',
      ';;;;',
      ';;;;',
    ].join('\r\n');
    expect(readCsvGrid(text)).toEqual([
      ['Дорожная карта на 2021 год', null, null, null],
      [null, null, null, null],
      ['№ п/п', 'Наименование мероприятия', 'Исполнители', 'Срок исполнения'],
      ['1.1.', 'Разработка "модели"\r\nс наставничеством', 'Руководители ПОО', 'март 2021 г.'],
      ['1.2.', 'Совет', null, 'ежемесячно'],
    ]);
  });

  it('copes with ragged rows', () => {
    expect(readCsvGrid('a,b\n1\n1,2,3\n', ',')).toEqual([
      ['a', 'b', null],
      ['1', null, null],
      ['1', '2', '3'],
    ]);
  });
});
