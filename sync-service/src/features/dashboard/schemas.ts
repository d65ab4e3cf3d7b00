// What the dashboard's pages accept: the home page's filters (GET, so they work without scripts)
// and the sign-in form.
import * as z from 'zod';

const blankAsUndefined = (v: unknown) => (typeof v === 'string' ? v.trim() || undefined : v);
const text = (max: number) => z.preprocess(blankAsUndefined, z.string().max(max).optional());

export const HomeQuerySchema = z.object({
  cluster: text(100).describe('Кластер (slug) для списка просроченных'),
  executor: text(200).describe('Часть имени исполнителя'),
  q: text(200).describe('Текст в мероприятии, результате, отметке…'),
  asOf: z
    .preprocess(blankAsUndefined, z.iso.date('нужна дата ГГГГ-ММ-ДД').optional())
    .describe('Дата, на которую считаются состояния (по умолчанию сегодня)'),
  since: z
    .preprocess(blankAsUndefined, z.iso.date('нужна дата ГГГГ-ММ-ДД').optional())
    .describe('Начало динамики (по умолчанию день предыдущего отчёта или 30 дней назад)'),
});

/** A malformed field counts as absent: the form then asks for the token again (401), never a 400. */
export const LoginBodySchema = z.object({
  token: z.string().optional().catch(undefined).describe('Токен доступа'),
  next: z.string().optional().catch(undefined).describe('Куда вернуться после входа (путь этого сайта)'),
});
