// The consolidated report: the moves first (they are few), then one pass over the items writes
// «Все мероприятия», counts clusters and executors and spills overdue rows; then the overdue list
// (sorted by the spill) and the count sheets follow. List sheets group their rows by document.
// Sheets are zipped in that order; the tabs show Сводка first.
import type { Writable } from 'node:stream';
import { tallyKeyOf } from '@cluster/shared';
import { classify } from './classify.ts';
import { DisciplineTallies } from './discipline.ts';
import { ExecutorTallies } from './executors.ts';
import { FinalTallies } from './final-tally.ts';
import { GroupedSpill } from './group-spill.ts';
import type { ReportOptions, ReportSource, ReportTotals } from './model.ts';
import { scanMoves } from './move-scan.ts';
import { ALL_ITEMS_SHEET, AllItemsSheet } from './sheets/all-items.ts';
import { DISCIPLINE_SHEET, writeDisciplineSheet } from './sheets/discipline.ts';
import { EXECUTORS_SHEET, writeExecutorsSheet } from './sheets/executors.ts';
import { FINISHED_SHEET, writeFinishedSheet } from './sheets/finished.ts';
import { MOVE_WIDTH, MOVES_SHEET, type MoveRow, MovesSheet, moveRow } from './sheets/moves.ts';
import { OVERDUE_SHEET, type OverdueRow, OverdueSheet, overdueRow } from './sheets/overdue.ts';
import { reportFooter, SUMMARY_SHEET, writeSummarySheet } from './sheets/summary.ts';
import { SortedSpill } from './sorted-spill.ts';
import { ClusterTallies } from './tally.ts';
import { disciplineBefore, totalTrend, trendsOf } from './trends.ts';
import { drain, ReportWorkbookWriter, untilAborted } from './xlsx/writer.ts';

/** Rows written between two checks that the zip keeps up. */
const DRAIN_EVERY = 100;

/** Numbers the documents in the order they are first met (documents are few next to items). */
class GroupOrder {
  readonly #seen = new Map<string, number>();
  #lastKey = '';
  #last = -1;

  of(clusterSlug: string, document: string): number {
    const key = `${clusterSlug}\u0000${document}`;
    if (key === this.#lastKey) return this.#last;
    let n = this.#seen.get(key);
    if (n === undefined) {
      n = this.#seen.size;
      this.#seen.set(key, n);
    }
    this.#lastKey = key;
    this.#last = n;
    return n;
  }
}

export const SHEET_ORDER = [
  SUMMARY_SHEET,
  DISCIPLINE_SHEET,
  OVERDUE_SHEET,
  ALL_ITEMS_SHEET,
  MOVES_SHEET,
  EXECUTORS_SHEET,
  FINISHED_SHEET,
];

/**
 * Writes the report into `out`. `signal` stops it when nobody reads any more (an HTTP client gone):
 * the promise then rejects with the signal's reason and the temporary files are removed.
 */
export async function writeConsolidatedReport(
  source: ReportSource,
  options: ReportOptions,
  out: Writable,
  signal?: AbortSignal,
): Promise<ReportTotals> {
  // Read before the first byte goes out: a store that is down fails here, while an HTTP answer
  // can still be an ordinary error.
  const scope = await source.clusters();
  const clusters = new ClusterTallies(scope);
  const discipline = new DisciplineTallies(scope);
  const workbook = new ReportWorkbookWriter(out);
  workbook.creator = 'cluster-sync';
  workbook.created = options.generatedAt;
  workbook.setTabOrder(SHEET_ORDER);
  const footer = reportFooter(options);

  const executors = new ExecutorTallies();
  const rowLimit = options.rowLimit;
  // Overdue rows and moves wait on disk until their sheet's turn, grouped by document.
  const spill = new GroupedSpill<OverdueRow>();
  const moveSpill = new SortedSpill<MoveRow>(MOVE_WIDTH);
  try {
    // Moves first: they are few next to the items. One read counts each item's moves and the
    // latest due it was moved to (for «в срок»); the second lists them with those counts.
    const { days, movedDue, timesMoved, lastSeen } = await scanMoves(source, options.timeZone);
    const moveGroups = new GroupOrder();
    // Up to the last move counted: one a sync adds meanwhile stays out of both reads.
    if (lastSeen) {
      for await (const move of source.moves({ until: lastSeen })) {
        const times = timesMoved.get(move.itemId);
        if (!times || move.seenAt > lastSeen) continue;
        const group = moveGroups.of(move.cluster.slug, move.documentTitle);
        moveSpill.add(-group, moveRow(move, days.dayOf(move), times));
      }
    }
    const moves = new MovesSheet(workbook, footer, rowLimit);
    for (const row of moveSpill.sorted()) {
      moves.addRow(row);
      if (moves.count % DRAIN_EVERY === 0) await drain(moves.sheet, signal);
    }
    moves.finish();

    const all = new AllItemsSheet(workbook, footer, rowLimit);
    let items = 0;
    for await (const item of source.items()) {
      const facts = classify(item, options.asOf, options.soonDays, movedDue.get(item.id) ?? null);
      clusters.add(item.cluster, tallyKeyOf(facts.state, item.deadline));
      executors.add(item.executors, facts.timeliness, facts.state === 'overdue');
      discipline.add(item.cluster, item.executors, facts, item.organisation ?? null);
      all.addItem(item, facts);
      if (facts.state === 'overdue') {
        const group = `${item.cluster.slug}\u0000${item.document.id ?? item.document.title}`;
        spill.add(group, facts.daysOverdue, overdueRow(item, facts));
      }
      if (++items % DRAIN_EVERY === 0) await drain(all.sheet, signal);
    }
    all.finish();

    const overdue = new OverdueSheet(workbook, footer, rowLimit);
    for (const row of spill.sorted()) {
      overdue.addRow(row);
      if (overdue.count % DRAIN_EVERY === 0) await drain(overdue.sheet, signal);
    }
    overdue.finish();

    // Documents with «Данные на»: the current plans on Сводка, the finished ones (when asked) with
    // their final tally on a sheet of their own; a finished plan's items are in no other sheet.
    const documents = (await source.documents?.()) ?? { current: [], finished: [] };
    let finished = 0;
    if (options.finished) {
      const finals = new FinalTallies();
      for await (const item of source.finishedItems?.() ?? []) finals.add(item);
      const plans = documents.finished.map((document) => ({ document, tally: finals.of(document.id) }));
      writeFinishedSheet(workbook, plans, options.timeZone, footer);
      finished = plans.length;
    }

    const tallies = clusters.sorted();
    const since = options.since?.day;
    const trends =
      since && source.tallies ? trendsOf(await source.tallies({ since, until: options.asOf }), since) : null;
    writeSummarySheet(workbook, tallies, clusters.total(), options, footer, {
      discipline: discipline.total(),
      before: trends ? totalTrend(trends.values()).before : null,
      disciplineBefore: trends ? disciplineBefore(trends.values()) : null,
      beforeByCluster: trends ? new Map([...trends].map(([slug, t]) => [slug, t.before])) : null,
      documents: documents.current,
    });
    writeExecutorsSheet(workbook, executors.sorted(), footer);
    await writeDisciplineSheet(
      workbook,
      discipline.clusters(),
      discipline.executors(),
      discipline.total(),
      footer,
      discipline.organisations(),
      signal,
      trends && since
        ? {
            since,
            total: disciplineBefore(trends.values()),
            byCluster: new Map([...trends].map(([slug, t]) => [slug, t.beforeDiscipline])),
          }
        : null,
    );
    await untilAborted(workbook.commit(), signal);
    return { clusters: tallies.length, items, overdue: spill.size, moves: moves.count, finished };
  } finally {
    spill.close();
    moveSpill.close();
  }
}
