// Answers as JSON without holding the event loop: an array of more than SLICE elements is encoded
// a slice at a time with a turn of the loop between (the documents list at national scale is
// megabytes; one JSON.stringify of it kept /healthz and every other request waiting).
import { turn } from '../turn.ts';

/** Elements encoded between two turns. */
const SLICE = 2_000;

/** JSON.stringify(items), in slices. */
export async function arrayJson(items: readonly unknown[]): Promise<string> {
  if (items.length <= SLICE) return JSON.stringify(items);
  const parts = ['['];
  for (let i = 0; i < items.length; i += SLICE) {
    if (i > 0) {
      await turn();
      parts.push(',');
    }
    parts.push(JSON.stringify(items.slice(i, i + SLICE)).slice(1, -1));
  }
  parts.push(']');
  return parts.join('');
}

const plain = (value: object) => {
  const proto = Object.getPrototypeOf(value);
  return (proto === Object.prototype || proto === null) && !('toJSON' in value);
};

/** JSON.stringify(answer), its arrays (the answer itself or its fields) encoded in slices. */
export async function answerJson(answer: unknown): Promise<string> {
  if (Array.isArray(answer)) return arrayJson(answer);
  if (answer === null || typeof answer !== 'object' || !plain(answer)) return JSON.stringify(answer);
  const fields: string[] = [];
  for (const [key, value] of Object.entries(answer)) {
    const text = Array.isArray(value) ? await arrayJson(value) : JSON.stringify(value);
    // What JSON.stringify leaves out (undefined, functions) is left out here too.
    if (text !== undefined) fields.push(`${JSON.stringify(key)}:${text}`);
  }
  return `{${fields.join(',')}}`;
}
