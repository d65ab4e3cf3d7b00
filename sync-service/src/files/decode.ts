// Bytes of a text file → string: BOM first (UTF-8, UTF-16), then strict UTF-8, and when the bytes
// are not valid UTF-8, Windows-1251 (what Russian Excel and Notepad write by default).

export interface DecodedText {
  text: string;
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';
}

export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
  }
  return decodeUtf8Or1251(bytes);
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const cp1251 = new TextDecoder('windows-1251');

/** Strict UTF-8, else Windows-1251 (for one line of a stream, where no BOM is to be expected). */
export function decodeUtf8Or1251(bytes: Uint8Array): DecodedText {
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: cp1251.decode(bytes), encoding: 'windows-1251' };
  }
}
