// Zip members of .xlsx/.docx/.odt, read with bounds: a member is refused by its declared
// unpacked size (and ratio) before it is inflated, and counted while it inflates (yauzl also
// checks the actual size against the declared one), so a zip bomb costs milliseconds.
import type { Readable } from 'node:stream';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { FileReadError } from './errors.ts';
import { overLimit, type ReadLimits } from './limits.ts';

const MAX_ENTRIES = 20_000;

export class ZipArchive {
  readonly file: string;
  private readonly zip: ZipFile;
  private readonly entries: Map<string, Entry>;
  private readonly limits: ReadLimits;
  private readonly kind: string;
  private unpacked = 0;
  private constructor(
    zip: ZipFile,
    entries: Map<string, Entry>,
    file: string,
    limits: ReadLimits,
    kind: string,
  ) {
    this.zip = zip;
    this.entries = entries;
    this.file = file;
    this.limits = limits;
    this.kind = kind;
  }

  /** Opens a zip from a path (read lazily from disk) or from its bytes. */
  static async open(
    source: string | Uint8Array,
    file: string,
    limits: ReadLimits,
    kind: string,
  ): Promise<ZipArchive> {
    const options = { lazyEntries: true, autoClose: false, validateEntrySizes: true, strictFileNames: false };
    let zip: ZipFile;
    try {
      zip = await new Promise<ZipFile>((resolve, reject) => {
        const done = (err: Error | null, z?: ZipFile) => (err || !z ? reject(err) : resolve(z));
        if (typeof source === 'string') yauzl.open(source, options, done);
        else
          yauzl.fromBuffer(Buffer.from(source.buffer, source.byteOffset, source.byteLength), options, done);
      });
    } catch (error) {
      throw notZip(file, kind, error);
    }
    if (zip.entryCount > MAX_ENTRIES) {
      zip.close();
      throw new FileReadError(
        'too_large',
        file,
        `файл ${file} не принят: в архиве больше ${MAX_ENTRIES} частей`,
        {
          limit: 'entries',
        },
      );
    }
    const entries = new Map<string, Entry>();
    try {
      await new Promise<void>((resolve, reject) => {
        zip.on('entry', (entry: Entry) => {
          entries.set(normal(entry.fileName), entry);
          zip.readEntry();
        });
        zip.on('end', () => resolve());
        zip.on('error', reject);
        zip.readEntry();
      });
    } catch (error) {
      zip.close();
      throw notZip(file, kind, error);
    }
    return new ZipArchive(zip, entries, file, limits, kind);
  }

  has(name: string): boolean {
    return this.entries.has(normal(name));
  }

  /** An inflating stream of one member, refused before inflating when its sizes are out of bounds. */
  async stream(name: string): Promise<Readable> {
    const entry = this.entries.get(normal(name));
    if (!entry) throw this.broken(`нет части ${name}`);
    const declared = entry.uncompressedSize;
    const where = `часть ${entry.fileName}`;
    if (declared > this.limits.memberBytes)
      throw overLimit(this.file, 'memberBytes', declared, where, this.limits);
    if (this.unpacked + declared > this.limits.unpackedBytes)
      throw overLimit(this.file, 'unpackedBytes', this.unpacked + declared, where, this.limits);
    const ratio = declared / Math.max(entry.compressedSize, 1);
    // Small members may compress very well (a run of blanks); the ratio only matters for big ones.
    if (declared > 8 * 1024 * 1024 && ratio > this.limits.compressionRatio)
      throw overLimit(this.file, 'compressionRatio', ratio, where, this.limits);
    let stream: Readable;
    try {
      stream = await new Promise<Readable>((resolve, reject) =>
        this.zip.openReadStream(entry, (err, s) => (err || !s ? reject(err) : resolve(s))),
      );
    } catch (error) {
      throw this.broken(`не распаковывается часть ${entry.fileName} (${reason(error)})`, error);
    }
    // The declared size is checked by yauzl against what comes out; this counts the total.
    stream.on('data', (chunk: Buffer) => {
      this.unpacked += chunk.length;
      if (this.unpacked > this.limits.unpackedBytes)
        stream.destroy(overLimit(this.file, 'unpackedBytes', this.unpacked, where, this.limits));
    });
    return stream;
  }

  /** A whole member as text (small parts: relationships, workbook, styles). */
  async text(name: string): Promise<string> {
    const stream = await this.stream(name);
    const chunks: Buffer[] = [];
    try {
      for await (const chunk of stream) chunks.push(chunk as Buffer);
    } catch (error) {
      throw this.wrap(error, name);
    }
    return Buffer.concat(chunks).toString('utf8');
  }

  /** A reading failure of a member as the reader's error (limits pass through as they are). */
  wrap(error: unknown, name: string): FileReadError {
    if (error instanceof FileReadError) return error;
    return this.broken(`файл повреждён: часть ${name} не читается (${reason(error)})`, error);
  }

  broken(detail: string, cause?: unknown): FileReadError {
    return new FileReadError(
      'corrupt',
      this.file,
      `не удаётся прочитать ${this.kind} ${this.file}: ${detail}`,
      cause === undefined ? undefined : { cause },
    );
  }

  close(): void {
    this.zip.close();
  }
}

function normal(name: string): string {
  return name.replace(/^\/+/, '').replace(/\\/g, '/').toLowerCase();
}

function reason(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] : String(error);
}

function notZip(file: string, kind: string, error: unknown): FileReadError {
  const text = reason(error);
  const detail = /central directory|signature/i.test(text)
    ? 'файл повреждён (это не zip-архив, или архив обрезан)'
    : `файл повреждён (${text})`;
  return new FileReadError('corrupt', file, `не удаётся прочитать ${kind} ${file}: ${detail}`, {
    cause: error,
  });
}
