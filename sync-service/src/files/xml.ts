// Streaming XML over a zip member with saxes. Office files never need a DTD: a DOCTYPE (where
// entity expansion bombs live) is refused outright, and saxes itself expands no entities but the
// five predefined ones.
import type { Readable } from 'node:stream';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { FileReadError } from './errors.ts';
import type { ZipArchive } from './zip.ts';

export interface XmlHandlers {
  open(tag: SaxesTagPlain): void;
  close?(name: string): void;
  text?(text: string): void;
}

/** Parses one member of the archive, calling the handlers as tags and text stream by. */
export async function parseMember(zip: ZipArchive, name: string, handlers: XmlHandlers): Promise<void> {
  const stream = await zip.stream(name);
  await parseStream(stream, handlers, (error) => zip.wrap(error, name), zip.file);
}

export async function parseStream(
  stream: Readable,
  handlers: XmlHandlers,
  wrap: (error: unknown) => FileReadError,
  file: string,
): Promise<void> {
  const parser = new SaxesParser({ position: false });
  let failure: unknown = null;
  parser.on('error', (err) => {
    failure ??= err;
  });
  parser.on('doctype', () => {
    failure ??= new FileReadError(
      'corrupt',
      file,
      `файл ${file} не принят: в нём объявление DOCTYPE (сущности XML), которого в документах Office не бывает`,
      { limit: 'xmlEntities' },
    );
  });
  parser.on('opentag', (tag) => handlers.open(tag as SaxesTagPlain));
  if (handlers.close) {
    const close = handlers.close;
    parser.on('closetag', (tag) => close(tag.name));
  }
  if (handlers.text) parser.on('text', handlers.text);
  stream.setEncoding('utf8');
  try {
    for await (const chunk of stream) {
      parser.write(chunk as string);
      if (failure) break;
    }
    if (!failure) parser.close();
  } catch (error) {
    failure ??= error;
  } finally {
    stream.destroy();
  }
  if (failure) throw wrap(failure);
}

/** XML text of a small member, parsed the same way. */
export async function parseText(xml: string, handlers: XmlHandlers, file: string): Promise<void> {
  const { Readable } = await import('node:stream');
  await parseStream(
    Readable.from([xml]),
    handlers,
    (e) =>
      e instanceof FileReadError
        ? e
        : new FileReadError('corrupt', file, `не удаётся прочитать ${file}: ${String(e)}`),
    file,
  );
}
