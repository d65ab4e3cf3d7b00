import { isOutsidePeriod, parseDeadline, periodFromTitle } from '@cluster/shared';
import { describe, expect, it } from 'vitest';

describe('periodFromTitle', () => {
  it.each([
    [
      'Дорожная карта образовательно-отраслевого кластера строительства на 2021 год',
      '2021-01-01',
      '2021-12-31',
    ],
    [
      '**План работы\nобразовательно-производственного кластера\nлегкой промышленности Смоленской области\nна 2018-2019 учебный год**',
      '2018-09-01',
      '2019-08-31',
    ],
    ['План мероприятий на 2021-2025 годы', '2021-01-01', '2025-12-31'],
    ['План мероприятий на 2021 – 2025 гг.', '2021-01-01', '2025-12-31'],
    [
      'план работы кластера на IV квартал 2017г и 2018год., из числа педагогических',
      '2017-10-01',
      '2018-12-31',
    ],
    ['План на 2022/2023 уч. год', '2022-09-01', '2023-08-31'],
    ['План на 2022-23 учебный год', '2022-09-01', '2023-08-31'],
    ['Дорожная карта на период 2021-2023 годов', '2021-01-01', '2023-12-31'],
    ['План работы на 2024 г.', '2024-01-01', '2024-12-31'],
    ['ПЛАН РАБОТЫ НА 2024 ГОД', '2024-01-01', '2024-12-31'],
    ['План работы на I полугодие 2022 года', '2022-01-01', '2022-06-30'],
    ['План работы кластера 2019-2020 учебный год', '2019-09-01', '2020-08-31'],
    ['Мероприятия кластера 2021-2024 гг.', '2021-01-01', '2024-12-31'],
    ['План работы кластера в 2022 году', '2022-01-01', '2022-12-31'],
    ['План работы на 2021 год и плановый период 2022-2023 годов', '2021-01-01', '2021-12-31'],
  ])('%s', (title, start, end) => {
    expect(periodFromTitle(title)).toEqual({ start, end });
  });

  it('is null when the title names no period', () => {
    expect(periodFromTitle('')).toBeNull();
    expect(periodFromTitle('Протокол заседания координационного совета')).toBeNull();
    expect(periodFromTitle('Разработка стратегии кластера до 2024 года')).toBeNull();
    expect(periodFromTitle('Дорожная карта на сентябрь')).toBeNull();
    expect(periodFromTitle('Заседание в 11 ч.')).toBeNull();
  });
});

describe('isOutsidePeriod', () => {
  const Y2021 = { start: '2021-01-01', end: '2021-12-31' };
  const ACAD = { start: '2018-09-01', end: '2019-08-31' };

  it('flags a due before or after the period (sample 004: «март 2020г.» in a 2021 roadmap)', () => {
    expect(isOutsidePeriod(parseDeadline('март 2020г.', { period: Y2021 }), Y2021)).toBe(true);
    expect(isOutsidePeriod(parseDeadline('март 2021г.', { period: Y2021 }), Y2021)).toBe(false);
    expect(isOutsidePeriod(parseDeadline('январь 2022'), Y2021)).toBe(true);
    expect(isOutsidePeriod(parseDeadline('Октябрь 2019', { period: ACAD }), ACAD)).toBe(true);
    expect(isOutsidePeriod(parseDeadline('Август 2018', { period: ACAD }), ACAD)).toBe(true);
    expect(isOutsidePeriod(parseDeadline('Сентябрь 2018 (на 2020 год)', { period: ACAD }), ACAD)).toBe(false);
  });

  it('looks at the due: a range that starts before the period but ends in it is inside', () => {
    expect(isOutsidePeriod(parseDeadline('ноябрь 2020 - февраль 2021'), Y2021)).toBe(false);
    expect(isOutsidePeriod(parseDeadline('ноябрь 2021 - февраль 2022'), Y2021)).toBe(true);
    expect(isOutsidePeriod(parseDeadline('31.12.2021'), Y2021)).toBe(false);
    expect(isOutsidePeriod(parseDeadline('01.01.2021'), Y2021)).toBe(false);
  });

  it('for multiple, any due outside counts', () => {
    expect(isOutsidePeriod(parseDeadline('апрель, октябрь 2021'), Y2021)).toBe(false);
    expect(isOutsidePeriod(parseDeadline('октябрь 2021, январь 2022'), Y2021)).toBe(true);
  });

  it('never for unknown or ongoing deadlines, or without a period', () => {
    expect(isOutsidePeriod(parseDeadline('непонятно'), Y2021)).toBe(false);
    expect(isOutsidePeriod(parseDeadline('постоянно'), Y2021)).toBe(false);
    expect(isOutsidePeriod(parseDeadline('март 2020'), null)).toBe(false);
  });
});
