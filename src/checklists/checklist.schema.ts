import { CRITERION_IDS } from '../core/model/checklist.ts';
import { FINDING_KINDS } from '../core/model/evaluation.ts';
import { z } from '../lib/zod-russian.ts';

// A phrase in the checklist syntax: words separated by spaces, `а|б` choices, `=`, `@` and `*` marks.
// An empty phrase or an empty choice («а||б») would match nothing or everything, so both are rejected.
// An empty phrase stops at the first check, so it gets one message rather than two.
const phrase = z
  .string()
  .trim()
  .min(1, { error: 'фраза не может быть пустой', abort: true })
  .refine((value) => !value.split(/\s+/u).some((part) => part.split('|').some((choice) => choice === '' || choice === '=' || choice === '@')), {
    error: 'в фразе есть пустой вариант: проверьте знаки «|», «=» и «@»',
  });

const criterion = z.strictObject({
  id: z.enum(CRITERION_IDS),
  title: z.string().trim().min(1, 'название критерия не может быть пустым'),
  description: z.string(),
  weight: z.number().min(0, 'вес не может быть отрицательным').max(1000, 'вес не может быть больше 1000'),
  critical: z.boolean(),
  enabled: z.boolean(),
  phrases: z.array(phrase),
  stopPhrases: z.array(phrase),
});

const finding = z.strictObject({
  kind: z.enum(FINDING_KINDS),
  enabled: z.boolean(),
  severity: z.enum(['critical', 'major', 'minor']),
});

const settings = z.strictObject({
  longHoldSec: z.number().positive('время должно быть больше нуля'),
  minWordsPerMinute: z.number().min(0, 'значение не может быть отрицательным'),
  criticalCap: z.number().min(0, 'предел оценки — от 0 до 100').max(100, 'предел оценки — от 0 до 100'),
});

/** Schema of a checklist file; it mirrors `Checklist` from the core model and adds the cross-field rules. */
export const checklistSchema = z
  .strictObject({
    // No `u` flag: the pattern is ASCII, and the API's OpenAPI document would copy a flag into it.
    id: z.string().trim().regex(/^[a-z0-9][a-z0-9_-]*$/, 'идентификатор — латинские буквы в нижнем регистре, цифры, «-» и «_»'),
    version: z.number().int('версия — целое число').positive('версия — целое число больше нуля'),
    title: z.string().trim().min(1, 'название чек-листа не может быть пустым'),
    criteria: z.array(criterion).min(1, 'в чек-листе должен быть хотя бы один критерий'),
    findings: z.array(finding),
    forbiddenPhrases: z.array(phrase),
    settings,
  })
  .superRefine((checklist, context) => {
    const seenCriteria = new Set<string>();
    checklist.criteria.forEach((entry, index) => {
      if (seenCriteria.has(entry.id)) {
        context.addIssue({ code: 'custom', path: ['criteria', index, 'id'], message: `критерий «${entry.id}» указан дважды` });
      }
      seenCriteria.add(entry.id);
    });
    const seenKinds = new Set<string>();
    checklist.findings.forEach((entry, index) => {
      if (seenKinds.has(entry.kind)) {
        context.addIssue({ code: 'custom', path: ['findings', index, 'kind'], message: `вид находки «${entry.kind}» указан дважды` });
      }
      seenKinds.add(entry.kind);
    });
    const enabledWeight = checklist.criteria.filter((entry) => entry.enabled).reduce((sum, entry) => sum + entry.weight, 0);
    if (enabledWeight <= 0) {
      context.addIssue({ code: 'custom', path: ['criteria'], message: 'сумма весов включённых критериев должна быть больше нуля' });
    }
  });
