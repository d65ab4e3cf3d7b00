// A `… remove ID [--with-documents]` command: refused by the app while documents hang on it.
import type { Store } from '../../store/api.ts';
import type { RemoveOutcome } from '../../store/types.ts';
import { parseFlags } from '../args.ts';
import type { Command } from '../command.ts';
import { writeText } from '../output.ts';
import { withServices } from './with-services.ts';

export function removalCommand(spec: {
  name: string;
  summary: string;
  /** Synopsis and what it does; the flags are added here. */
  usage: string;
  remove(store: Store, id: string, withDocuments: boolean): Promise<RemoveOutcome>;
  done(id: string): string;
}): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    usage: `${spec.usage}
  --with-documents    удалить и документы — с мероприятиями и историей
  -h, --help          эта справка`,
    async run(argv, io) {
      const { values, positionals } = parseFlags(
        argv,
        { 'with-documents': { type: 'boolean' } },
        { positionals: 1 },
      );
      const outcome = await withServices(io, (s) =>
        spec.remove(s.store, positionals[0], values['with-documents'] ?? false),
      );
      const also = outcome.documents ? ` вместе с документами (${outcome.documents})` : '';
      await writeText(io.stdout, `${spec.done(positionals[0])}${also}\n`);
    },
  };
}
