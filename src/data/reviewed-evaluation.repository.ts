import type { Evaluation } from '../core/model/evaluation.ts';
import type { DataContext } from './data-context.ts';
import { inTransaction } from './data-context.ts';
import { EvaluationRepository } from './evaluation.repository.ts';
import { ReviewRepository } from './review.repository.ts';

/**
 * Evaluations that keep reviewers' decisions. A new evaluation of a reviewed call comes from a
 * re-evaluation after a checklist change, a swap of roles or `okk analyze` run again. Saving it applies
 * the decisions in the same transaction, so lists and reports never show the engine's verdict over a
 * reviewer's.
 */
export class ReviewedEvaluationRepository extends EvaluationRepository {
  constructor(private readonly dataContext: DataContext) {
    super(dataContext);
  }

  override async saveEvaluations(evaluations: readonly Evaluation[]): Promise<number[]> {
    if (evaluations.length === 0) {
      return [];
    }
    return inTransaction(this.dataContext.db, async (trx) => {
      const context = { ...this.dataContext, db: trx };
      const ids = await new EvaluationRepository(context).saveEvaluations(evaluations);
      const reviews = new ReviewRepository(context);
      const reviewed = await reviews.callsWithOverrides([...new Set(evaluations.map((evaluation) => evaluation.call.id))]);
      await reviews.refreshReviewed(reviewed);
      return ids;
    });
  }
}
