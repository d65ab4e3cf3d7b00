// Shapes that cross a boundary (add-in ↔ service ↔ store ↔ CLI). Written with zod/mini so the
// add-in bundle stays small; the service composes them into its request schemas.
import * as z from 'zod/mini';
import { SLUG_PATTERN, SLUG_RULE_RU } from './slug.ts';

export const isoDate = z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'));

/** A cluster's or department's code (slug.ts). */
export const SlugSchema = z.string().check(z.regex(SLUG_PATTERN, SLUG_RULE_RU));

export const CellSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** A cell as Sheets getValues() or exceljs give it. */
export type Cell = string | number | boolean | Date | null;
export type Grid = Cell[][];

export const PeriodSchema = z.object({ start: isoDate, end: isoDate });
export type Period = z.infer<typeof PeriodSchema>;

export const DEADLINE_KINDS = [
  'date',
  'month',
  'range',
  'quarter',
  'half_year',
  'year',
  'period',
  'recurring',
  'multiple',
  'ongoing',
  /** A decision that sets no deadline («Принять к сведению»): nothing is due. */
  'none',
  'unknown',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export const RECURRENCE = ['week', 'month', 'quarter', 'half_year', 'year'] as const;
export type Recurrence = (typeof RECURRENCE)[number];

export const DeadlineSchema = z.object({
  raw: z.string(),
  kind: z.enum(DEADLINE_KINDS),
  start: z.nullable(isoDate),
  due: z.nullable(isoDate),
  dues: z.optional(z.array(isoDate)),
  every: z.optional(z.enum(RECURRENCE)),
  /** Parenthetical note kept from the text, e.g. «на 2020 год». */
  note: z.optional(z.string()),
});
export type Deadline = z.infer<typeof DeadlineSchema>;

export const MARK_STATUSES = [
  'done',
  'partial',
  'not_done',
  'in_progress',
  'postponed',
  'cancelled',
  'none',
] as const;
export type MarkStatus = (typeof MARK_STATUSES)[number];

export const MarkSchema = z.object({
  raw: z.string(),
  status: z.enum(MARK_STATUSES),
  /** Date named in the mark («выполнено 27.09.2024»). */
  date: z.optional(z.nullable(isoDate)),
  /** New deadline when the mark moves it («перенесено на 15.05.2021»). */
  movedTo: z.optional(z.nullable(isoDate)),
});
export type Mark = z.infer<typeof MarkSchema>;

export const PROBLEM_CODES = [
  'missing_title',
  'missing_executor',
  'missing_deadline',
  'unreadable_deadline',
  'deadline_outside_period',
  'missing_result',
  'duplicate_number',
  'number_out_of_order',
  'unreadable_mark',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export const ProblemSchema = z.object({
  code: z.enum(PROBLEM_CODES),
  message: z.string(),
  /** Column (1-based) the problem points at, where there is one. */
  column: z.optional(z.number()),
});
export type Problem = z.infer<typeof ProblemSchema>;

export const ITEM_STATES = [
  'done',
  'unknown',
  'ongoing',
  'overdue',
  'due_soon',
  'in_progress',
  'upcoming',
] as const;
export type ItemState = (typeof ITEM_STATES)[number];

export const ItemSchema = z.object({
  row: z.number(),
  /** 1-based table of a Word/ODT document with several tables (`row` then counts within it). */
  table: z.optional(z.number()),
  number: z.string(),
  task: z.string(),
  title: z.string(),
  executors: z.array(z.string()),
  /** The executors as written, where the list alone does not give the text back. */
  executorsRaw: z.optional(z.string()),
  deadline: DeadlineSchema,
  result: z.string(),
  mark: MarkSchema,
  state: z.enum(ITEM_STATES),
  problems: z.array(ProblemSchema),
  /** The due date that counts now: the mark's new deadline, the current one of `multiple`, or `deadline.due`. */
  effectiveDue: z.optional(z.nullable(isoDate)),
  /** Columns the recognizer does not know, by header text. */
  extra: z.optional(z.record(z.string(), z.string())),
});
export type Item = z.infer<typeof ItemSchema>;

export const DOCUMENT_KINDS = ['roadmap', 'work_plan', 'protocol', 'decisions_register', 'table'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

export const UnplacedRowSchema = z.object({ row: z.number(), text: z.string(), reason: z.string() });
export type UnplacedRow = z.infer<typeof UnplacedRowSchema>;

export const ColumnRoleSchema = z.enum([
  'number',
  'title',
  'executors',
  'deadline',
  'start',
  'end',
  'result',
  'mark',
  'extra',
]);
export type ColumnRole = z.infer<typeof ColumnRoleSchema>;

export const MeetingSchema = z.object({
  number: z.nullable(z.string()),
  date: z.nullable(isoDate),
  time: z.nullable(z.string()),
  place: z.nullable(z.string()),
  attendees: z.array(z.object({ name: z.string(), organisation: z.string(), position: z.string() })),
  agenda: z.array(z.string()),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export const DocumentSchema = z.object({
  title: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  period: z.nullable(PeriodSchema),
  items: z.array(ItemSchema),
  /** Rows that hold text but could not be placed in an item (never dropped silently). */
  unplaced: z.optional(z.array(UnplacedRowSchema)),
  /** Where the table sits: header rows and the role of each column (1-based). */
  table: z.optional(
    z.object({
      headerRow: z.number(),
      headerRows: z.number(),
      firstRow: z.number(),
      lastRow: z.number(),
      columns: z.array(z.object({ column: z.number(), role: ColumnRoleSchema, header: z.string() })),
    }),
  ),
  /** For protocols: the meeting. */
  meeting: z.optional(MeetingSchema),
});
export type Document = z.infer<typeof DocumentSchema>;

/** What the caller tells the recognizer. */
export interface ReadOptions {
  /** Plan period set by the user; wins over the one read from the title. */
  period?: Period | null;
  /** "Today" as YYYY-MM-DD, for item state. */
  today: string;
  /** Soon-window in days (default 14). */
  soonDays?: number;
}

export const SyncRowSchema = z.object({
  id: z.nullable(z.string()),
  cells: z.array(CellSchema),
  /**
   * A copied row (copy/duplicate a row carries the hidden id along) sent without an id: the id it
   * carried, which another row kept. The service notes the new item as `id_reassigned` from it.
   */
  copiedFrom: z.optional(z.string().check(z.minLength(1), z.maxLength(100))),
});

export const SyncSettingsSchema = z.object({
  period: z.optional(z.nullable(PeriodSchema)),
  soonDays: z.optional(z.number().check(z.int(), z.minimum(0), z.maximum(365))),
});

export const SyncPayloadSchema = z.object({
  cluster: z.string().check(z.minLength(1), z.maxLength(100)),
  source: z.object({
    spreadsheetId: z.string().check(z.minLength(1), z.maxLength(200)),
    // Sheets ids are 31-bit (2^31 − 1 at most); beyond that no store column (INTEGER) can hold one.
    // A literal: with `2 ** 31 - 1` esbuild kept this schema, and zod with it, in the add-in bundle.
    sheetId: z.number().check(z.int(), z.minimum(0), z.maximum(2_147_483_647)),
    sheetName: z.string().check(z.maxLength(200)),
    title: z.optional(z.string()),
  }),
  revision: z.optional(z.string()),
  settings: z.optional(SyncSettingsSchema),
  rows: z.array(SyncRowSchema),
});
export type SyncPayload = z.infer<typeof SyncPayloadSchema>;

export const SyncSummarySchema = z.object({
  syncId: z.string(),
  documentId: z.string(),
  created: z.number(),
  changed: z.number(),
  removed: z.number(),
  unchanged: z.number(),
  deadlinesMoved: z.number(),
  rowIds: z.array(z.object({ row: z.number(), id: z.string() })),
  items: z.array(z.extend(ItemSchema, { id: z.string() })),
  /**
   * Present when a document was recognised across sources (the same plan imported before as another
   * file, or synced from a sheet), picked by the caller, or is new while similar ones exist.
   */
  matches: z.optional(
    z.array(
      z.object({
        documentId: z.string(),
        title: z.string(),
        how: z.enum(['same_plan', 'chosen', 'new']),
        /** Where the continued document came from before: a file's name or a sheet's. */
        from: z.nullable(z.string()),
        alternatives: z.array(z.object({ documentId: z.string(), title: z.string(), from: z.string() })),
        message: z.string(),
      }),
    ),
  ),
});
export type SyncSummary = z.infer<typeof SyncSummarySchema>;
