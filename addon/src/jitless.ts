// Apps Script forbids nothing here, but zod's JIT compiles validators with `new Function` on first
// use; jitless keeps every parse interpreted and predictable. Imported first by entry.ts.
import * as z from 'zod/mini';

z.config({ jitless: true });
