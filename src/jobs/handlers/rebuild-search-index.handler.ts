import type { Morphology } from '../../core/text/morphology.ts';
import { buildSearchText } from '../../data/index.ts';
import type { Database } from '../../data/index.ts';
import { plural } from '../../lib/russian-format.ts';
import type { JobHandler } from '../job-queue.ts';

/** Calls whose documents are written in one transaction. */
const REBUILD_BATCH = 500;
// After «для»: «для 1 звонка», «для 3 звонков».
const CALL_FORMS = ['звонка', 'звонков', 'звонков'] as const;

/**
 * `rebuild-search-index`: writes every stored call's search document again from its turns, with its
 * manager and team tokens and the readings of names, then marks the index current so that searches
 * within a manager or team use the tokens. Does nothing when the index is current. Safe to run again
 * after a stop: it starts over, and each batch replaces whole documents.
 */
export function rebuildSearchIndexHandler(database: Database, morphology: () => Promise<Morphology>): JobHandler<'rebuild-search-index'> {
  return async (job) => {
    if (await database.searchIndex.isCurrent()) {
      return { rebuilt: 0 };
    }
    const lemmatizer = await morphology();
    const total = await database.searchIndex.countCallsAfter(0);
    let afterSeq = 0;
    let rebuilt = 0;
    for (;;) {
      job.signal.throwIfAborted();
      const batch = await database.searchIndex.rebuildAfter(afterSeq, REBUILD_BATCH, (turns) => buildSearchText(turns, lemmatizer));
      if (batch.lastSeq === null) {
        break;
      }
      afterSeq = batch.lastSeq;
      rebuilt += batch.calls;
      await job.reportProgress({ done: rebuilt, total, message: `Поисковый индекс обновлён для ${rebuilt.toLocaleString('ru-RU')} ${plural(rebuilt, CALL_FORMS)} из ${total.toLocaleString('ru-RU')}` });
    }
    await database.searchIndex.compact();
    await database.searchIndex.markCurrent();
    job.logger.info({ rebuilt }, 'search index rebuilt');
    return { rebuilt };
  };
}
