// Deadline parsing: the public face of ./deadline/* (normalize → lex → grammar → Deadline).
//
// Choices beyond DESIGN.md's contract rules, so callers can rely on them:
// - `date`: start = due (the day itself), also for «до 15.12.2017».
// - `multiple`: dues sorted and distinct; due = the last; start = the earliest start of its parts
//   («Апрель, октябрь 2018» → start 2018-04-01). Parts may be ranges (due of a range = its end).
// - `recurring`: start/due = the plan period, or the year(s) the text names («ежеквартально в
//   2022 г.»). With neither (no period, no default year) it is `ongoing` with `every` kept.
// - `period`: «в течение года», «до конца года», «весь период» = the plan period (or the default
//   year as a calendar year); «в течение 2021 года», «2022-2023 учебный год» = the one named.
//   «в течение учебного года» without a plan period is unknown.
// - «с 1 сентября 2021» alone: `ongoing` with that start and no due.
// - A decade of a month («1 декада сентября») is a `range` of its days (1–10, 11–20, 21–end).
// - Missing years: within a range from the other end (crossing a year when the months go back),
//   in a list from the next part that has one (else the previous), then from the plan period: the
//   one year in which that month (the last month of a quarter/half-year) falls inside the period;
//   for a two-year period where it falls in neither, months from the period's start month on
//   belong to the first year; otherwise the default year; otherwise unknown.
// - Numbers: integers 1900–2100 are years; other numbers that are serials of 1970–2099 are dates;
//   anything else is unknown. Booleans are unknown.
// - A word it does not know makes the whole text unknown: it never guesses around it.
// - Line breaks are spaces first («Сентябрь↵2018»); if that is unreadable, list separators.
// - `none`: «без срока», «срок не установлен»; and a decision (protocol, decisions register) with
//   no deadline at all. Plans and roadmaps expect one: there an empty cell is `unknown`.
export { type DeadlineContext, noDeadline, parseDeadline, parseDeadlineColumns } from './deadline/parse.ts';
