import { ErrorCode } from '../../errors.js';
import { passed, problem, warning, type Check } from '../check.js';
import { echo } from '../limits.js';
import type { CheckPart, Problem } from '../report.js';
import { clrSubject } from '../clrSubject.js';

/**
 * Every association of a CLR 2.0 record joins two things the record holds: its `sourceId` and
 * `targetId` are each the id of an achievement it lists, of a credential it bundles, or of the
 * achievement such a credential awards. A dangling end (a parent whose component is missing) is a
 * warning: the record claims a relation it does not show, though an association may name an
 * achievement defined elsewhere (the 1EdTech validator accepts such records). One part per association.
 */
export const associationsCheck: Check = {
  id: 'associations',
  title: 'Its associations join achievements it holds',
  fatal: false,
  appliesTo: (ctx) =>
    clrSubject(ctx) !== undefined &&
    (ctx.view?.subjects.some((s) => s.types.includes('ClrSubject') && s.associations.length > 0) ?? false),
  run(ctx) {
    const limits = ctx.options.limits;
    const subject = ctx.view?.subjects.find((s) => s.types.includes('ClrSubject'));
    if (!subject) return passed;
    const held = new Set<string>([
      ...subject.credentials,
      ...subject.achievements.flatMap((a) => (a.id ? [a.id] : [])),
    ]);
    // The achievements the bundled credentials award, as the `credentials` check read them.
    const inner = ctx.results.find((r) => r.id === 'credentials')?.parts ?? [];
    for (const part of inner) {
      const id = part.credential?.report.credential?.achievement?.id;
      if (id) held.add(id);
    }
    const parts: CheckPart[] = subject.associations.map((a) => {
      const label = `${echo(a.sourceId ?? '?', limits)} ${a.associationType ?? 'is associated with'} ${echo(a.targetId ?? '?', limits)}`;
      const missing = (['sourceId', 'targetId'] as const).filter((end) => a[end] === undefined || !held.has(a[end]));
      if (missing.length === 0) return { label, outcome: 'passed' };
      const found: Problem = problem({
        code: ErrorCode.CLR_ASSOCIATION_DANGLING,
        detail: `The association at ${a.path} names ${missing.map((end) => `${end} ${echo(a[end] ?? '(none)', limits)}`).join(' and ')}, which is neither an achievement the record lists nor a credential it bundles.`,
        path: `${a.path}.${missing[0]}`,
      });
      return { label, outcome: 'warning', problem: found };
    });
    const first = parts.find((p) => p.outcome !== 'passed');
    return first?.problem ? { ...warning(first.problem), parts } : { ...passed, parts };
  },
};
