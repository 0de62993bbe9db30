import { Injectable, Logger } from '@nestjs/common';
import { Subject } from 'rxjs';
import { readKnowledgeFolder } from './folder/knowledge-folder-reader.js';
import { writeKnowledgeFolder } from './folder/knowledge-folder-writer.js';
import { KnowledgeImportError } from './folder/knowledge-import-error.js';
import { KnowledgeSnapshot } from './knowledge-snapshot.js';
import { KnowledgeStore } from './knowledge-store.js';
import { emptyBundle } from './knowledge-model.js';

export interface ImportSummary {
  revision: number;
  areas: number;
  items: number;
  interpretations: number;
  concerns: number;
  synonymGroups: number;
  words: number;
}

/**
 * The knowledge base as the rest of the service sees it: import/export of knowledge folders,
 * and the current snapshot, reloaded whenever the stored revision moves (on this instance or another).
 */
@Injectable()
export class KnowledgeService {
  private readonly logger = new Logger(KnowledgeService.name);
  private current = new KnowledgeSnapshot(emptyBundle(), -1);
  private loading: Promise<KnowledgeSnapshot> | null = null;
  /** Emits each new snapshot after it replaced the previous one. */
  readonly changes = new Subject<KnowledgeSnapshot>();

  constructor(private readonly store: KnowledgeStore) {}

  snapshot(): KnowledgeSnapshot {
    return this.current;
  }

  /**
   * Validates a folder completely, then replaces the stored knowledge with it in one transaction.
   * With `onlyIfEmpty` (first start), returns null when the database already holds knowledge.
   */
  async importFolder(dir: string, options: { onlyIfEmpty?: boolean } = {}): Promise<ImportSummary | null> {
    const { bundle, issues } = await readKnowledgeFolder(dir);
    if (issues.length > 0) throw new KnowledgeImportError(issues);
    const revision = await this.store.replaceAll(bundle, options);
    if (revision === null) return null;
    await this.refresh();
    return {
      revision,
      areas: bundle.areas.length,
      items: bundle.items.length,
      interpretations: bundle.interpretations.length,
      concerns: bundle.concerns.length,
      synonymGroups: bundle.synonymGroups.length,
      words: bundle.words.length,
    };
  }

  async exportFolder(dir: string): Promise<void> {
    await writeKnowledgeFolder(await this.store.loadBundle(), dir);
  }

  async isEmpty(): Promise<boolean> {
    return this.store.isEmpty();
  }

  /** Reloads the snapshot when the stored revision differs from the one in memory. */
  async refresh(): Promise<KnowledgeSnapshot> {
    if (this.loading) return this.loading;
    this.loading = (async () => {
      const revision = await this.store.revision();
      if (revision !== this.current.revision) {
        const bundle = await this.store.loadBundle();
        this.current = new KnowledgeSnapshot(bundle, revision);
        this.logger.log(`知识库已加载：修订 ${revision}，关切事项 ${bundle.concerns.length}，目录事项 ${bundle.items.length}`);
        this.changes.next(this.current);
      }
      return this.current;
    })().finally(() => {
      this.loading = null;
    });
    return this.loading;
  }
}
