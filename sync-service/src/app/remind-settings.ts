// A cluster's reminder ladder (days before the due, escalation after M days overdue, the
// coordinator's address) and a department's digest address: checked the same way for the CLI and HTTP.
import * as z from 'zod';
import type { Store } from '../store/api.ts';
import { notFound } from './errors.ts';

const emailOrNone = z.union([z.literal(''), z.email('адрес электронной почты вида name@example.ru')]);

export const RemindSettingsSchema = z.object({
  coordinatorEmail: emailOrNone.optional(),
  remindDays: z
    .array(z.number().int().min(0, 'не меньше 0').max(365, 'не больше 365'))
    .min(1, 'хотя бы один день')
    .max(10)
    .optional(),
  escalateAfterDays: z.number().int().min(1).max(365).optional(),
});

/** «7,1» → [7, 1]; anything else stays as it is for the schema to reject. */
export function daysList(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  const parts = text.split(',').map((p) => p.trim());
  return parts.every((p) => /^\d+$/.test(p)) ? parts.map(Number) : text;
}

export async function updateRemindSettings(
  store: Store,
  clusterSlug: string,
  input: z.infer<typeof RemindSettingsSchema>,
) {
  if (!(await store.clusters.getBySlug(clusterSlug))) throw notFound(`Кластер «${clusterSlug}» не найден`);
  return store.remindSettings.update(clusterSlug, {
    coordinatorEmail: input.coordinatorEmail === undefined ? undefined : input.coordinatorEmail || null,
    remindDays: input.remindDays ? [...new Set(input.remindDays)].sort((a, b) => b - a) : undefined,
    escalateAfterDays: input.escalateAfterDays,
  });
}

export const DepartmentEmailSchema = z.object({ email: emailOrNone });

export async function setDepartmentEmail(store: Store, slug: string, email: string) {
  if (!(await store.departments.getBySlug(slug))) throw notFound(`Департамент «${slug}» не найден`);
  await store.remindSettings.setDepartmentEmail(slug, email || null);
}
