// Zip archives the tests build byte by byte: small Office files with hand-written parts, and
// hostile ones (a member that unpacks to gigabytes, sizes that lie, a truncated archive).
import { crc32, deflateRawSync, constants as z } from 'node:zlib';

export interface ZipMember {
  name: string;
  /** The member's content, deflated by the builder. */
  text?: string;
  /** Already-deflated bytes, with the sizes to declare (for bombs and lies). */
  raw?: { data: Uint8Array; uncompressedSize: number; crc?: number };
}

/** A zip of the members, deflated (method 8). */
export function buildZip(members: readonly ZipMember[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const m of members) {
    const name = Buffer.from(m.name, 'utf8');
    let data: Buffer;
    let size: number;
    let crc: number;
    if (m.raw) {
      data = Buffer.from(m.raw.data);
      size = m.raw.uncompressedSize;
      crc = m.raw.crc ?? 0;
    } else {
      const content = Buffer.from(m.text ?? '', 'utf8');
      data = deflateRawSync(content);
      size = content.length;
      crc = crc32(content);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size >>> 0, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size >>> 0, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, cd, end]));
}

/**
 * Raw deflate of `megabytes` MB of zeros, built from one fully flushed block repeated (each
 * block stands alone after a full flush), so a 2 GB member costs a few MB and no CPU to make.
 */
export function zeroBomb(megabytes: number): Uint8Array {
  // One MB of zeros ending in a full flush: the block needs nothing before it, so it repeats.
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), { level: 9, finishFlush: z.Z_FULL_FLUSH });
  const parts: Buffer[] = [];
  for (let i = 0; i < megabytes; i++) parts.push(block);
  // An empty final stored block ends the stream.
  parts.push(Buffer.from([0x01, 0x00, 0x00, 0xff, 0xff]));
  return new Uint8Array(Buffer.concat(parts));
}

/** A minimal .xlsx: one sheet with the given sheetData XML (and optional extra parts). */
export function xlsxWith(
  sheetData: string,
  opts: { sheetXml?: string; sheetRaw?: ZipMember['raw']; extra?: ZipMember[] } = {},
): Uint8Array {
  const ns = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
  const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
  return buildZip([
    {
      name: '[Content_Types].xml',
      text: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: '_rels/.rels',
      text: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    },
    {
      name: 'xl/workbook.xml',
      text: `<?xml version="1.0"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      text: `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      raw: opts.sheetRaw,
      text:
        opts.sheetXml ??
        `<?xml version="1.0"?><worksheet xmlns="${ns}"><sheetData>${sheetData}</sheetData></worksheet>`,
    },
    ...(opts.extra ?? []),
  ]);
}

/** A minimal .docx: the body XML (w: namespace) and optional numbering.xml / styles.xml bodies. */
export function docxWith(body: string, opts: { numbering?: string; styles?: string } = {}): Uint8Array {
  const w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
  const members: ZipMember[] = [
    {
      name: '[Content_Types].xml',
      text: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    },
    {
      name: 'word/document.xml',
      text: `<?xml version="1.0"?><w:document ${w}><w:body>${body}</w:body></w:document>`,
    },
  ];
  if (opts.numbering)
    members.push({
      name: 'word/numbering.xml',
      text: `<?xml version="1.0"?><w:numbering ${w}>${opts.numbering}</w:numbering>`,
    });
  if (opts.styles)
    members.push({
      name: 'word/styles.xml',
      text: `<?xml version="1.0"?><w:styles ${w}>${opts.styles}</w:styles>`,
    });
  return buildZip(members);
}
