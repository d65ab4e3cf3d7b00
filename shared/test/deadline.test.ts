import {
  type Deadline,
  type DeadlineContext,
  DeadlineSchema,
  parseDeadline,
  parseDeadlineColumns,
} from '@cluster/shared';
import { describe, expect, it } from 'vitest';

const ACAD: DeadlineContext = { period: { start: '2018-09-01', end: '2019-08-31' } };
const Y2021: DeadlineContext = { period: { start: '2021-01-01', end: '2021-12-31' } };
const Y2017: DeadlineContext = { defaultYear: 2017 };
const NONE: DeadlineContext = {};
// No plan period, but a day to place an academic year («today», a protocol's date).
const D2019: DeadlineContext = { defaultYear: 2019, referenceDate: '2019-06-01' };
const CTX = { ACAD, Y2021, Y2017, NONE, D2019 };
type Ctx = keyof typeof CTX;

type Row = [
  text: string,
  ctx: Ctx,
  kind: Deadline['kind'],
  start: string | null,
  due: string | null,
  extra?: Partial<Deadline>,
];

// Strings from fixtures/samples first, then the forms real plans use.
const ROWS: Row[] = [
  // plan-smolensk-light-industry-2018-2019
  ['Сентябрь 2018', 'ACAD', 'month', '2018-09-01', '2018-09-30'],
  ['Август 2018', 'ACAD', 'month', '2018-08-01', '2018-08-31'],
  ['Январь 2019', 'ACAD', 'month', '2019-01-01', '2019-01-31'],
  ['Ноябрь 2018', 'ACAD', 'month', '2018-11-01', '2018-11-30'],
  ['Май-сентябрь 2019', 'ACAD', 'range', '2019-05-01', '2019-09-30'],
  ['Сентябрь 2018 (на 2020 год)', 'ACAD', 'month', '2018-09-01', '2018-09-30', { note: 'на 2020 год' }],
  ['Апрель-май 2019', 'ACAD', 'range', '2019-04-01', '2019-05-31'],
  ['Октябрь 2018', 'ACAD', 'month', '2018-10-01', '2018-10-31'],
  ['Октябрь 2019', 'ACAD', 'month', '2019-10-01', '2019-10-31'],
  ['Сентябрь 2018 г', 'ACAD', 'month', '2018-09-01', '2018-09-30'],
  [
    'Апрель, октябрь 2018 г.',
    'ACAD',
    'multiple',
    '2018-04-01',
    '2018-10-31',
    { dues: ['2018-04-30', '2018-10-31'] },
  ],
  ['Декабрь 2018', 'ACAD', 'month', '2018-12-01', '2018-12-31'],
  ['Январь-май 2019 г.', 'ACAD', 'range', '2019-01-01', '2019-05-31'],
  ['В течение года', 'ACAD', 'period', '2018-09-01', '2019-08-31'],
  // roadmap-tomsk-construction-2021
  ['февраль-март 2021 г.', 'Y2021', 'range', '2021-02-01', '2021-03-31'],
  ['март 2020г.', 'Y2021', 'month', '2020-03-01', '2020-03-31'],
  ['март 2021г.', 'Y2021', 'month', '2021-03-01', '2021-03-31'],
  ['апрель 2021г.', 'Y2021', 'month', '2021-04-01', '2021-04-30'],
  ['ежемесячно', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'month' }],
  ['Ежемесячно', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'month' }],
  ['декабрь 2021 г.', 'Y2021', 'month', '2021-12-01', '2021-12-31'],
  ['август 2021 г.', 'Y2021', 'month', '2021-08-01', '2021-08-31'],
  ['май 2021г.', 'Y2021', 'month', '2021-05-01', '2021-05-31'],
  ['октябрь 2021г.', 'Y2021', 'month', '2021-10-01', '2021-10-31'],
  ['сентябрь 2021г.', 'Y2021', 'month', '2021-09-01', '2021-09-30'],
  ['в течение года', 'Y2021', 'period', '2021-01-01', '2021-12-31'],
  ['июнь-декабрь 2021', 'Y2021', 'range', '2021-06-01', '2021-12-31'],
  ['октябрь 2021', 'Y2021', 'month', '2021-10-01', '2021-10-31'],
  ['Ноябрь 2021', 'Y2021', 'month', '2021-11-01', '2021-11-30'],
  // protocols
  ['до 15.12.2017 г.', 'NONE', 'date', '2017-12-15', '2017-12-15'],
  ['до 30.01.2018 г.', 'NONE', 'date', '2018-01-30', '2018-01-30'],
  ['13.12.2017 г., 11:00ч.', 'NONE', 'date', '2017-12-13', '2017-12-13'],
  ['срок до 01.12.2021.', 'NONE', 'date', '2021-12-01', '2021-12-01'],
  ['Срок реализации: до 15.12.2017 г.', 'NONE', 'date', '2017-12-15', '2017-12-15'],
  ['до 01.12.2021', 'NONE', 'date', '2021-12-01', '2021-12-01'],
  ['20 февраля 2019 года, 14.00', 'NONE', 'date', '2019-02-20', '2019-02-20'],
  [
    'IV квартал 2017г и 2018год',
    'NONE',
    'multiple',
    '2017-10-01',
    '2018-12-31',
    { dues: ['2017-12-31', '2018-12-31'] },
  ],
  // months, cases, abbreviations
  ['сентябрь 2018', 'NONE', 'month', '2018-09-01', '2018-09-30'],
  ['СЕНТЯБРЬ 2018', 'NONE', 'month', '2018-09-01', '2018-09-30'],
  ['  сентябрь   2018  ', 'NONE', 'month', '2018-09-01', '2018-09-30'],
  ['сентябрь\n2018', 'NONE', 'month', '2018-09-01', '2018-09-30'],
  ['февраль 2020', 'NONE', 'month', '2020-02-01', '2020-02-29'],
  ['февраль 2021', 'NONE', 'month', '2021-02-01', '2021-02-28'],
  ['в сентябре 2021 г.', 'NONE', 'month', '2021-09-01', '2021-09-30'],
  ['в мае 2022 года', 'NONE', 'month', '2022-05-01', '2022-05-31'],
  ['до конца сентября 2021 г.', 'NONE', 'month', '2021-09-01', '2021-09-30'],
  ['янв. 2022', 'NONE', 'month', '2022-01-01', '2022-01-31'],
  ['фев. 2022', 'NONE', 'month', '2022-02-01', '2022-02-28'],
  ['февр. 2022', 'NONE', 'month', '2022-02-01', '2022-02-28'],
  ['мар. 2022', 'NONE', 'month', '2022-03-01', '2022-03-31'],
  ['апр. 2022', 'NONE', 'month', '2022-04-01', '2022-04-30'],
  ['авг. 2022', 'NONE', 'month', '2022-08-01', '2022-08-31'],
  ['сент. 2021', 'NONE', 'month', '2021-09-01', '2021-09-30'],
  ['сен 2021', 'NONE', 'month', '2021-09-01', '2021-09-30'],
  ['окт. 2021', 'NONE', 'month', '2021-10-01', '2021-10-31'],
  ['нояб. 2021', 'NONE', 'month', '2021-11-01', '2021-11-30'],
  ['дек. 2021', 'NONE', 'month', '2021-12-01', '2021-12-31'],
  ['июнь 2021 года', 'NONE', 'month', '2021-06-01', '2021-06-30'],
  ['июль 2021 г', 'NONE', 'month', '2021-07-01', '2021-07-31'],
  ['Май 2019', 'NONE', 'month', '2019-05-01', '2019-05-31'],
  // months without a year: from the period; academic year Sep–Dec first, Jan–Aug second
  ['сентябрь', 'ACAD', 'month', '2018-09-01', '2018-09-30'],
  ['декабрь', 'ACAD', 'month', '2018-12-01', '2018-12-31'],
  ['январь', 'ACAD', 'month', '2019-01-01', '2019-01-31'],
  ['август', 'ACAD', 'month', '2019-08-01', '2019-08-31'],
  ['май', 'ACAD', 'month', '2019-05-01', '2019-05-31'],
  ['март', 'Y2021', 'month', '2021-03-01', '2021-03-31'],
  ['ноябрь', 'Y2021', 'month', '2021-11-01', '2021-11-30'],
  ['ноябрь', 'Y2017', 'month', '2017-11-01', '2017-11-30'],
  ['ноябрь', 'NONE', 'unknown', null, null],
  ['ноябрь-февраль', 'ACAD', 'range', '2018-11-01', '2019-02-28'],
  ['сентябрь-декабрь', 'ACAD', 'range', '2018-09-01', '2018-12-31'],
  ['январь-май', 'ACAD', 'range', '2019-01-01', '2019-05-31'],
  ['октябрь - апрель', 'ACAD', 'range', '2018-10-01', '2019-04-30'],
  ['ноябрь-февраль', 'Y2021', 'range', '2021-11-01', '2022-02-28'],
  ['апрель, октябрь', 'ACAD', 'multiple', '2018-10-01', '2019-04-30', { dues: ['2018-10-31', '2019-04-30'] }],
  ['март, июнь', 'Y2021', 'multiple', '2021-03-01', '2021-06-30', { dues: ['2021-03-31', '2021-06-30'] }],
  // ranges of months, crossing a year, every dash
  ['май–сентябрь 2019', 'NONE', 'range', '2019-05-01', '2019-09-30'],
  ['май—сентябрь 2019', 'NONE', 'range', '2019-05-01', '2019-09-30'],
  ['май‑сентябрь 2019', 'NONE', 'range', '2019-05-01', '2019-09-30'],
  ['май - сентябрь 2019 г.', 'NONE', 'range', '2019-05-01', '2019-09-30'],
  ['май -\nсентябрь 2019', 'NONE', 'range', '2019-05-01', '2019-09-30'],
  ['сентябрь 2018 – май 2019', 'NONE', 'range', '2018-09-01', '2019-05-31'],
  ['сентябрь 2018 г. - май 2019 г.', 'NONE', 'range', '2018-09-01', '2019-05-31'],
  ['ноябрь - февраль 2019', 'NONE', 'range', '2018-11-01', '2019-02-28'],
  ['ноябрь 2018 - февраль', 'NONE', 'range', '2018-11-01', '2019-02-28'],
  ['с сентября по декабрь 2021 г.', 'NONE', 'range', '2021-09-01', '2021-12-31'],
  ['с сентября 2021 по май 2022', 'NONE', 'range', '2021-09-01', '2022-05-31'],
  ['сентябрь 2019 - май 2018', 'NONE', 'unknown', null, null],
  // dates
  ['15.12.2017', 'NONE', 'date', '2017-12-15', '2017-12-15'],
  ['15.12.2017 г.', 'NONE', 'date', '2017-12-15', '2017-12-15'],
  ['15.12.17', 'NONE', 'date', '2017-12-15', '2017-12-15'],
  ['15/12/2017', 'NONE', 'date', '2017-12-15', '2017-12-15'],
  ['5.3.2022', 'NONE', 'date', '2022-03-05', '2022-03-05'],
  ['до 1.03.2022', 'NONE', 'date', '2022-03-01', '2022-03-01'],
  ['не позднее 01.03.2022', 'NONE', 'date', '2022-03-01', '2022-03-01'],
  ['не позднее 01.03.2022 г.', 'NONE', 'date', '2022-03-01', '2022-03-01'],
  ['в срок до 10.04.2021', 'NONE', 'date', '2021-04-10', '2021-04-10'],
  ['по 31.12.2021', 'NONE', 'date', '2021-12-31', '2021-12-31'],
  ['к 1 сентября 2022 г.', 'NONE', 'date', '2022-09-01', '2022-09-01'],
  ['до 1 марта 2022', 'NONE', 'date', '2022-03-01', '2022-03-01'],
  ['до 15 декабря 2017 г.', 'NONE', 'date', '2017-12-15', '2017-12-15'],
  ['15 декабря 2017 года', 'NONE', 'date', '2017-12-15', '2017-12-15'],
  ['к 25 мая 2021', 'NONE', 'date', '2021-05-25', '2021-05-25'],
  ['к 1-му сентября 2022', 'NONE', 'date', '2022-09-01', '2022-09-01'],
  ['до 15 декабря', 'Y2017', 'date', '2017-12-15', '2017-12-15'],
  ['до 15.12', 'Y2021', 'date', '2021-12-15', '2021-12-15'],
  ['15.01', 'ACAD', 'date', '2019-01-15', '2019-01-15'],
  ['2025-02-10', 'NONE', 'date', '2025-02-10', '2025-02-10'],
  ['2025-02-10T00:00:00.000Z', 'NONE', 'date', '2025-02-10', '2025-02-10'],
  ['до 2025-02-10', 'NONE', 'date', '2025-02-10', '2025-02-10'],
  ['12.10.2021 в 10:30', 'NONE', 'date', '2021-10-12', '2021-10-12'],
  ['13.12.2017 г., 11.00 ч.', 'NONE', 'date', '2017-12-13', '2017-12-13'],
  // hours written with «ч» alone, or hours and minutes around it
  ['13.12.2017, 11 ч.', 'NONE', 'date', '2017-12-13', '2017-12-13'],
  ['13.12.2017 в 11 час.', 'NONE', 'date', '2017-12-13', '2017-12-13'],
  ['13.12.2017 11ч00', 'NONE', 'date', '2017-12-13', '2017-12-13'],
  ['13.12.2017 г. в 11 ч. 30 мин.', 'NONE', 'date', '2017-12-13', '2017-12-13'],
  ['до 25 числа', 'NONE', 'unknown', null, null],
  // year first with dots or slashes, as some exports write dates
  // a spreadsheet serial that reached us as text (CSV): the date the workbook cell shows
  ['44500', 'NONE', 'date', '2021-10-31', '2021-10-31'],
  ['44500,5', 'NONE', 'date', '2021-10-31', '2021-10-31'],
  ['12345', 'NONE', 'unknown', null, null],
  ['в период с 01.02.2021 по 31.03.2021', 'NONE', 'range', '2021-02-01', '2021-03-31'],
  ['в период', 'Y2021', 'period', '2021-01-01', '2021-12-31'],
  ['период', 'NONE', 'unknown', null, null],
  ['2018.09.01', 'NONE', 'date', '2018-09-01', '2018-09-01'],
  ['2018/09/01', 'NONE', 'date', '2018-09-01', '2018-09-01'],
  ['2018-13-01', 'NONE', 'unknown', null, null],
  // «не ранее» gives a start, never a due; «не позже» is «не позднее»
  ['не ранее 01.09.2019', 'NONE', 'ongoing', '2019-09-01', null],
  ['не позже 01.09.2019', 'NONE', 'date', '2019-09-01', '2019-09-01'],
  ['29.02.2020', 'NONE', 'date', '2020-02-29', '2020-02-29'],
  ['29.02.2021', 'NONE', 'unknown', null, null],
  ['31.04.2021', 'NONE', 'unknown', null, null],
  ['32.01.2021', 'NONE', 'unknown', null, null],
  ['2021-02-30', 'NONE', 'unknown', null, null],
  [
    'до 15.12.2017, до 30.01.2018',
    'NONE',
    'multiple',
    '2017-12-15',
    '2018-01-30',
    { dues: ['2017-12-15', '2018-01-30'] },
  ],
  [
    '15.12.2017\n30.01.2018',
    'NONE',
    'multiple',
    '2017-12-15',
    '2018-01-30',
    { dues: ['2017-12-15', '2018-01-30'] },
  ],
  ['с 01.09.2021 по 31.12.2021', 'NONE', 'range', '2021-09-01', '2021-12-31'],
  ['01.09.2021 - 31.12.2021', 'NONE', 'range', '2021-09-01', '2021-12-31'],
  ['с 01.09 по 31.12.2021', 'NONE', 'range', '2021-09-01', '2021-12-31'],
  ['с 1 по 15 сентября 2021', 'NONE', 'range', '2021-09-01', '2021-09-15'],
  ['1-15 сентября 2021 г.', 'NONE', 'range', '2021-09-01', '2021-09-15'],
  ['с 10.11.2021 до 20.11.2021', 'NONE', 'range', '2021-11-10', '2021-11-20'],
  // decades of a month
  ['1 декада сентября 2021', 'NONE', 'range', '2021-09-01', '2021-09-10'],
  ['II декада мая 2021', 'NONE', 'range', '2021-05-11', '2021-05-20'],
  ['3 декада февраля 2020 г.', 'NONE', 'range', '2020-02-21', '2020-02-29'],
  ['1 декада сентября', 'ACAD', 'range', '2018-09-01', '2018-09-10'],
  // quarters
  ['IV квартал 2017г', 'NONE', 'quarter', '2017-10-01', '2017-12-31'],
  ['IV квартал 2017 г.', 'NONE', 'quarter', '2017-10-01', '2017-12-31'],
  ['1 кв. 2022', 'NONE', 'quarter', '2022-01-01', '2022-03-31'],
  ['I квартал 2022', 'NONE', 'quarter', '2022-01-01', '2022-03-31'],
  ['II квартал 2022 года', 'NONE', 'quarter', '2022-04-01', '2022-06-30'],
  ['III кв. 2022', 'NONE', 'quarter', '2022-07-01', '2022-09-30'],
  ['4 квартал 2021 г.', 'NONE', 'quarter', '2021-10-01', '2021-12-31'],
  ['3-й квартал 2021', 'NONE', 'quarter', '2021-07-01', '2021-09-30'],
  ['в течение 2 квартала 2021', 'NONE', 'quarter', '2021-04-01', '2021-06-30'],
  ['второй квартал 2021 г.', 'NONE', 'quarter', '2021-04-01', '2021-06-30'],
  ['до конца III квартала 2021', 'NONE', 'quarter', '2021-07-01', '2021-09-30'],
  ['IV квартал', 'ACAD', 'quarter', '2018-10-01', '2018-12-31'],
  ['I квартал', 'ACAD', 'quarter', '2019-01-01', '2019-03-31'],
  ['2 квартал', 'Y2021', 'quarter', '2021-04-01', '2021-06-30'],
  ['I-II квартал 2022', 'NONE', 'range', '2022-01-01', '2022-06-30'],
  ['III - IV кв. 2021 г.', 'NONE', 'range', '2021-07-01', '2021-12-31'],
  ['IV квартал 2017 - I квартал 2018', 'NONE', 'range', '2017-10-01', '2018-03-31'],
  ['IV квартал - I квартал 2018', 'NONE', 'range', '2017-10-01', '2018-03-31'],
  ['V квартал 2021', 'NONE', 'unknown', null, null],
  ['5 квартал 2021', 'NONE', 'unknown', null, null],
  // half-years
  ['I полугодие 2022', 'NONE', 'half_year', '2022-01-01', '2022-06-30'],
  ['II полугодие 2022 г.', 'NONE', 'half_year', '2022-07-01', '2022-12-31'],
  ['1 полугодие 2021 года', 'NONE', 'half_year', '2021-01-01', '2021-06-30'],
  ['1-е полугодие 2021', 'NONE', 'half_year', '2021-01-01', '2021-06-30'],
  ['в первом полугодии 2021 г.', 'NONE', 'half_year', '2021-01-01', '2021-06-30'],
  ['2 полугодие', 'Y2021', 'half_year', '2021-07-01', '2021-12-31'],
  ['3 полугодие 2021', 'NONE', 'unknown', null, null],
  // years
  ['2021 год', 'NONE', 'year', '2021-01-01', '2021-12-31'],
  ['2021 г.', 'NONE', 'year', '2021-01-01', '2021-12-31'],
  ['2021г', 'NONE', 'year', '2021-01-01', '2021-12-31'],
  ['2021', 'NONE', 'year', '2021-01-01', '2021-12-31'],
  ['в 2021 году', 'NONE', 'year', '2021-01-01', '2021-12-31'],
  ['до конца 2021 года', 'NONE', 'year', '2021-01-01', '2021-12-31'],
  ['2018год', 'NONE', 'year', '2018-01-01', '2018-12-31'],
  ['2021-2024 гг.', 'NONE', 'range', '2021-01-01', '2024-12-31'],
  ['2021 – 2024 годы', 'NONE', 'range', '2021-01-01', '2024-12-31'],
  ['2021-2025', 'NONE', 'range', '2021-01-01', '2025-12-31'],
  ['2021, 2022 гг.', 'NONE', 'multiple', '2021-01-01', '2022-12-31', { dues: ['2021-12-31', '2022-12-31'] }],
  ['2024-2021 гг.', 'NONE', 'unknown', null, null],
  ['1812 год', 'NONE', 'unknown', null, null],
  // whole periods
  ['В течение года', 'NONE', 'unknown', null, null],
  ['В течение года', 'Y2017', 'period', '2017-01-01', '2017-12-31'],
  ['в течение учебного года', 'ACAD', 'period', '2018-09-01', '2019-08-31'],
  ['в течение учебного года', 'Y2017', 'unknown', null, null],
  ['в течение учебного года', 'D2019', 'period', '2018-09-01', '2019-08-31'],
  ['до конца учебного года', 'D2019', 'period', '2018-09-01', '2019-08-31'],
  ['В течение года', 'D2019', 'period', '2019-01-01', '2019-12-31'],
  ['в течение всего периода', 'Y2021', 'period', '2021-01-01', '2021-12-31'],
  ['в течение срока реализации проекта', 'Y2021', 'period', '2021-01-01', '2021-12-31'],
  ['весь период', 'Y2021', 'period', '2021-01-01', '2021-12-31'],
  ['в течение 2022-2023 учебного года', 'NONE', 'period', '2022-09-01', '2023-08-31'],
  ['2022-2023 учебный год', 'NONE', 'period', '2022-09-01', '2023-08-31'],
  ['2022/2023 уч. год', 'NONE', 'period', '2022-09-01', '2023-08-31'],
  ['2022-23 учебный год', 'NONE', 'period', '2022-09-01', '2023-08-31'],
  ['в течение 2021 года', 'NONE', 'period', '2021-01-01', '2021-12-31'],
  ['в течение 2021-2022 гг.', 'NONE', 'period', '2021-01-01', '2022-12-31'],
  ['в течение месяца', 'Y2021', 'unknown', null, null],
  ['весь год', 'Y2021', 'period', '2021-01-01', '2021-12-31'],
  ['круглогодично', 'ACAD', 'period', '2018-09-01', '2019-08-31'],
  ['за I квартал 2022', 'NONE', 'quarter', '2022-01-01', '2022-03-31'],
  // recurring: start/due = plan period, or the year named
  ['ежеквартально', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'quarter' }],
  ['Ежеквартально', 'ACAD', 'recurring', '2018-09-01', '2019-08-31', { every: 'quarter' }],
  ['1 раз в полугодие', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'half_year' }],
  ['2 раза в год', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'half_year' }],
  ['еженедельно', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'week' }],
  ['1 раз в неделю', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'week' }],
  ['ежегодно', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'year' }],
  ['1 раз в месяц', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'month' }],
  ['ежемесячно до 5 числа', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'month' }],
  ['ежемесячно', 'Y2017', 'recurring', '2017-01-01', '2017-12-31', { every: 'month' }],
  [
    'ежеквартально в течение 2022 года',
    'Y2021',
    'recurring',
    '2022-01-01',
    '2022-12-31',
    { every: 'quarter' },
  ],
  ['ежегодно, 2021-2025 гг.', 'NONE', 'recurring', '2021-01-01', '2025-12-31', { every: 'year' }],
  ['ежемесячно', 'NONE', 'ongoing', null, null, { every: 'month' }],
  // ongoing
  ['постоянно', 'Y2021', 'ongoing', null, null],
  ['Постоянно', 'NONE', 'ongoing', null, null],
  ['по мере необходимости', 'Y2021', 'ongoing', null, null],
  ['По согласованию', 'NONE', 'ongoing', null, null],
  ['По отдельному плану', 'NONE', 'ongoing', null, null],
  ['по утвержденному плану', 'Y2021', 'ongoing', null, null],
  ['на постоянной основе', 'NONE', 'ongoing', null, null],
  ['по отдельному графику', 'NONE', 'ongoing', null, null],
  ['бессрочно', 'NONE', 'ongoing', null, null],
  ['по согласованию, до 01.03.2021', 'NONE', 'date', '2021-03-01', '2021-03-01'],
  // «с …» without an end: under way from that day
  ['с 1 сентября 2021 г.', 'NONE', 'ongoing', '2021-09-01', null],
  ['с 01.09.2021', 'NONE', 'ongoing', '2021-09-01', null],
  ['с сентября', 'ACAD', 'ongoing', '2018-09-01', null],
  ['с 01.09.2021, до 01.12.2021', 'NONE', 'unknown', null, null],
  // points one after another without a separator
  [
    'Май 2021 г. Октябрь 2021 г.',
    'NONE',
    'multiple',
    '2021-05-01',
    '2021-10-31',
    { dues: ['2021-05-31', '2021-10-31'] },
  ],
  [
    '15.12.2017 30.01.2018',
    'NONE',
    'multiple',
    '2017-12-15',
    '2018-01-30',
    { dues: ['2017-12-15', '2018-01-30'] },
  ],
  ['сентябрь 2021 2022', 'NONE', 'unknown', null, null],
  // notes in brackets are kept and ignored
  ['март 2021 (по итогам года)', 'NONE', 'month', '2021-03-01', '2021-03-31', { note: 'по итогам года' }],
  ['до 01.03.2022 (первый этап)', 'NONE', 'date', '2022-03-01', '2022-03-01', { note: 'первый этап' }],
  // Latin letters typed for Cyrillic ones
  ['сeнтябрь 2021', 'NONE', 'month', '2021-09-01', '2021-09-30'],
  ['Oктябрь 2021', 'NONE', 'month', '2021-10-01', '2021-10-31'],
  ['c 1 по 15 мая 2021', 'NONE', 'range', '2021-05-01', '2021-05-15'],
  ['IV кв. 2021', 'NONE', 'quarter', '2021-10-01', '2021-12-31'],
  ['май 2021 [уточняется]', 'NONE', 'month', '2021-05-01', '2021-05-31', { note: 'уточняется' }],
  ['май 2021 (см. п. 2 (прим.))', 'NONE', 'month', '2021-05-01', '2021-05-31', { note: 'прим.; см. п. 2' }],
  // month.year, a year after a comma, «до конца года»
  ['09.2021', 'NONE', 'month', '2021-09-01', '2021-09-30'],
  ['до 12.2021 г.', 'NONE', 'month', '2021-12-01', '2021-12-31'],
  ['09.2021-12.2021', 'NONE', 'range', '2021-09-01', '2021-12-31'],
  ['13.2021', 'NONE', 'unknown', null, null],
  ['Сентябрь, 2018', 'NONE', 'month', '2018-09-01', '2018-09-30'],
  ['ноябрь-февраль, 2019', 'NONE', 'range', '2018-11-01', '2019-02-28'],
  ['до конца года', 'Y2021', 'period', '2021-01-01', '2021-12-31'],
  ['до конца учебного года', 'ACAD', 'period', '2018-09-01', '2019-08-31'],
  ['до 5 числа каждого месяца', 'Y2021', 'recurring', '2021-01-01', '2021-12-31', { every: 'month' }],
  ['согласно плану', 'NONE', 'ongoing', null, null],
  // A deadline written wholly inside brackets is the deadline itself, not a note beside nothing.
  ['(до 01.12.2021)', 'NONE', 'date', '2021-12-01', '2021-12-01'],
  ['[IV квартал 2021 г.]', 'NONE', 'quarter', '2021-10-01', '2021-12-31'],
  ['(сентябрь)', 'ACAD', 'month', '2018-09-01', '2018-09-30'],
  // The current year («этот», «текущий», «нынешний») is the document's year: the plan period, or,
  // with none (a protocol), the year the context gives (its meeting's year).
  ['до конца этого года', 'Y2021', 'period', '2021-01-01', '2021-12-31'],
  ['до конца текущего года', 'D2019', 'period', '2019-01-01', '2019-12-31'],
  ['в текущем году', 'Y2021', 'period', '2021-01-01', '2021-12-31'],
  ['В этом году', 'D2019', 'period', '2019-01-01', '2019-12-31'],
  ['в текущем учебном году', 'ACAD', 'period', '2018-09-01', '2019-08-31'],
  ['в течение текущего года', 'Y2017', 'period', '2017-01-01', '2017-12-31'],
  ['до конца этого года', 'NONE', 'unknown', null, null],
  // «…, … соответственно»: dates paired with things the text lists; for the deadline, a list of dues.
  [
    'до 1 марта, до 1 сентября 2022 г. соответственно',
    'NONE',
    'multiple',
    '2022-03-01',
    '2022-09-01',
    { dues: ['2022-03-01', '2022-09-01'] },
  ],
  [
    '15.05.2021, 15.11.2021 соответственно',
    'NONE',
    'multiple',
    '2021-05-15',
    '2021-11-15',
    { dues: ['2021-05-15', '2021-11-15'] },
  ],
  // A date with a periodicity after it: the date is the deadline, the periodicity its note.
  [
    'в срок до 1 октября с периодичностью один раз в два года',
    'Y2021',
    'date',
    '2021-10-01',
    '2021-10-01',
    { note: 'периодичность: один раз в два года' },
  ],
  [
    'до 01.10.2022, периодичность - ежегодно',
    'NONE',
    'date',
    '2022-10-01',
    '2022-10-01',
    { note: 'периодичность: ежегодно' },
  ],
  // A text that says no deadline is set is `none`, not an unreadable one.
  ['без срока', 'NONE', 'none', null, null],
  ['Срок не установлен', 'Y2021', 'none', null, null],
  // what it cannot read
  ['', 'NONE', 'unknown', null, null],
  ['   ', 'NONE', 'unknown', null, null],
  ['-', 'NONE', 'unknown', null, null],
  ['?', 'NONE', 'unknown', null, null],
  ['по итогам конкурса', 'Y2021', 'unknown', null, null],
  ['после утверждения бюджета', 'Y2021', 'unknown', null, null],
  ['в начале 2022 года', 'NONE', 'unknown', null, null],
  ['середина 2022', 'NONE', 'unknown', null, null],
  ['2021-2022-2023', 'NONE', 'unknown', null, null],
  ['сентябрь 18', 'NONE', 'unknown', null, null],
  ['14.00', 'NONE', 'unknown', null, null],
  ['1 этап - март 2021', 'NONE', 'unknown', null, null],
];

describe('parseDeadline: table of real-world deadlines', () => {
  it('has at least 150 rows', () => expect(ROWS.length).toBeGreaterThanOrEqual(150));

  it.each(ROWS)('%s [%s] → %s %s…%s', (text, ctx, kind, start, due, extra) => {
    const d = parseDeadline(text, CTX[ctx]);
    expect(DeadlineSchema.safeParse(d).success).toBe(true);
    expect({ kind: d.kind, start: d.start, due: d.due }).toEqual({ kind, start, due });
    expect(d.raw).toBe(text.trim());
    if (extra?.dues) expect(d.dues).toEqual(extra.dues);
    else expect(d.dues).toBeUndefined();
    if (extra?.every) expect(d.every).toBe(extra.every);
    else expect(d.every).toBeUndefined();
    if (extra?.note) expect(d.note).toBe(extra.note);
  });
});

describe('parseDeadline: cells that are not text', () => {
  it('reads a Date by its UTC components', () => {
    expect(parseDeadline(new Date(Date.UTC(2025, 1, 10)))).toEqual({
      raw: '10.02.2025',
      kind: 'date',
      start: '2025-02-10',
      due: '2025-02-10',
    });
    expect(parseDeadline(new Date(Number.NaN)).kind).toBe('unknown');
  });

  it('reads a spreadsheet serial as a date and a four-digit number as a year', () => {
    expect(parseDeadline(45698)).toMatchObject({ kind: 'date', due: '2025-02-10', raw: '10.02.2025' });
    expect(parseDeadline(45698.5)).toMatchObject({ kind: 'date', due: '2025-02-10' });
    expect(parseDeadline(2021)).toMatchObject({ kind: 'year', start: '2021-01-01', due: '2021-12-31' });
    expect(parseDeadline(5)).toMatchObject({ kind: 'unknown', due: null });
    expect(parseDeadline(-1).kind).toBe('unknown');
    expect(parseDeadline(Number.NaN).kind).toBe('unknown');
    expect(parseDeadline(Number.POSITIVE_INFINITY).kind).toBe('unknown');
  });

  it('gives unknown with an empty raw for null and unknown for booleans', () => {
    expect(parseDeadline(null)).toEqual({ raw: '', kind: 'unknown', start: null, due: null });
    expect(parseDeadline('')).toEqual({ raw: '', kind: 'unknown', start: null, due: null });
    expect(parseDeadline(true).kind).toBe('unknown');
  });

  it('returns a fresh object each time (the memo is not shared with callers)', () => {
    const a = parseDeadline('Апрель, октябрь 2018 г.');
    a.dues?.push('2099-01-01');
    a.due = null;
    const b = parseDeadline('Апрель, октябрь 2018 г.');
    expect(b.due).toBe('2018-10-31');
    expect(b.dues).toEqual(['2018-04-30', '2018-10-31']);
  });

  it('keys the memo by context', () => {
    expect(parseDeadline('январь', ACAD).due).toBe('2019-01-31');
    expect(parseDeadline('январь', Y2021).due).toBe('2021-01-31');
    expect(parseDeadline('январь', { defaultYear: 2030 }).due).toBe('2030-01-31');
  });
});

describe('parseDeadlineColumns', () => {
  it('makes a range from the start of the first to the end of the second', () => {
    expect(parseDeadlineColumns('январь', 'декабрь', Y2021)).toEqual({
      raw: 'январь – декабрь',
      kind: 'range',
      start: '2021-01-01',
      due: '2021-12-31',
    });
    expect(parseDeadlineColumns('01.09.2021', '31.12.2021')).toMatchObject({
      kind: 'range',
      start: '2021-09-01',
      due: '2021-12-31',
    });
    expect(parseDeadlineColumns('сентябрь', 'май 2019')).toMatchObject({
      kind: 'range',
      start: '2018-09-01',
      due: '2019-05-31',
    });
    expect(parseDeadlineColumns('IV квартал 2017', '2018')).toMatchObject({
      start: '2017-10-01',
      due: '2018-12-31',
    });
  });

  it('takes Date cells and serials', () => {
    expect(parseDeadlineColumns(new Date(Date.UTC(2021, 8, 1)), new Date(Date.UTC(2021, 11, 31)))).toEqual({
      raw: '01.09.2021 – 31.12.2021',
      kind: 'range',
      start: '2021-09-01',
      due: '2021-12-31',
    });
    expect(parseDeadlineColumns(44440, 44561)).toMatchObject({ start: '2021-09-01', due: '2021-12-31' });
  });

  it('reads the end alone when there is no start', () => {
    expect(parseDeadlineColumns(null, 'май 2021')).toEqual(parseDeadline('май 2021'));
    expect(parseDeadlineColumns('', '15.12.2017')).toMatchObject({ kind: 'date', due: '2017-12-15' });
  });

  it('gives unknown for a start alone, nothing, an unreadable side or a reversed range', () => {
    expect(parseDeadlineColumns(null, null)).toEqual({ raw: '', kind: 'unknown', start: null, due: null });
    // A start without an end is a missing deadline (raw ''), the start kept as a note.
    expect(parseDeadlineColumns('сентябрь 2021', null)).toEqual({
      raw: '',
      kind: 'unknown',
      start: null,
      due: null,
      note: 'начало: сентябрь 2021',
    });
    expect(parseDeadlineColumns(new Date(Date.UTC(2021, 8, 1)), '')).toMatchObject({
      raw: '',
      note: 'начало: 01.09.2021',
    });
    expect(parseDeadlineColumns('когда-нибудь', 'май 2021')).toMatchObject({ kind: 'unknown', due: null });
    expect(parseDeadlineColumns('31.12.2021', '01.09.2021')).toMatchObject({ kind: 'unknown', due: null });
  });
});
