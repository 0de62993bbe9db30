import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, type ObjectLiteral, type EntityTarget } from 'typeorm';
import {
  AppStateEntity, AreaEntity, CatalogueItemEntity, ConcernEntity, ConcernInterpretationLinkEntity, ConcernItemLinkEntity,
  DomainWordEntity, InterpretationEntity, InterpretationItemLinkEntity, SynonymGroupEntity,
} from './entities/index.js';
import type { ConcernRecord, KnowledgeBundle } from './knowledge-model.js';

const REVISION_KEY = 'knowledge_revision';
// Serialises imports and console edits across instances (and makes "import when empty" happen once).
export const KNOWLEDGE_WRITE_LOCK = 4_202_612;
const INSERT_CHUNK = 500;

/** Reads and writes the knowledge base in the database. Every write bumps the revision. */
@Injectable()
export class KnowledgeStore {
  constructor(private readonly dataSource: DataSource) {}

  async isEmpty(): Promise<boolean> {
    const [areas, concerns] = await Promise.all([
      this.dataSource.getRepository(AreaEntity).count(),
      this.dataSource.getRepository(ConcernEntity).count(),
    ]);
    return areas === 0 && concerns === 0;
  }

  /** A number that changes whenever the knowledge does; instances compare it to know when to reload. */
  async revision(): Promise<number> {
    const row = await this.dataSource.getRepository(AppStateEntity).findOneBy({ key: REVISION_KEY });
    return row ? Number(row.value) : 0;
  }

  /**
   * Replaces the whole knowledge base in one transaction: all of the bundle, or nothing. With
   * `onlyIfEmpty`, does nothing (and returns null) when another instance got there first.
   */
  async replaceAll(bundle: KnowledgeBundle, options: { onlyIfEmpty?: boolean } = {}): Promise<number | null> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [KNOWLEDGE_WRITE_LOCK]);
      if (options.onlyIfEmpty) {
        const [{ n }] = await manager.query('SELECT (SELECT count(*) FROM areas) + (SELECT count(*) FROM concerns) AS n');
        if (Number(n) > 0) return null;
      }
      for (const table of [
        'concern_items', 'concern_interpretations', 'interpretation_items', 'concerns', 'interpretations',
        'catalogue_items', 'areas', 'synonym_groups', 'domain_words',
      ]) {
        await manager.query(`DELETE FROM "${table}"`);
      }
      await insertAll(manager, AreaEntity, bundle.areas.map((a, position) => ({ ...a, position })));
      await insertAll(manager, CatalogueItemEntity, bundle.items.map((i, position) => ({ ...i, position })));
      await insertAll(manager, InterpretationEntity, bundle.interpretations.map(({ itemIds: _, ...i }, position) => ({ ...i, position })));
      await insertAll(manager, ConcernEntity, bundle.concerns.map((c, position) => concernRow(c, position)));
      await insertAll(manager, ConcernItemLinkEntity, bundle.concerns.flatMap((c) => c.itemIds.map((itemId, position) => ({ concernId: c.id, itemId, position }))));
      await insertAll(manager, ConcernInterpretationLinkEntity, bundle.concerns.flatMap((c) =>
        c.interpretationIds.map((interpretationId, position) => ({ concernId: c.id, interpretationId, position }))));
      await insertAll(manager, InterpretationItemLinkEntity, bundle.interpretations.flatMap((i) =>
        i.itemIds.map((itemId, position) => ({ interpretationId: i.id, itemId, position }))));
      await insertAll(manager, SynonymGroupEntity, bundle.synonymGroups.map((terms, position) => ({ terms, position })));
      await insertAll(manager, DomainWordEntity, [...new Set(bundle.words)].map((word, position) => ({ word, position })));
      return bumpRevision(manager);
    });
  }

  /** The whole knowledge base, in file order, links included (inside a transaction when given its manager). */
  async loadBundle(m: EntityManager = this.dataSource.manager): Promise<KnowledgeBundle> {
    const order = { order: { position: 'ASC' as const } };
    const [areas, items, interpretations, concerns, concernItems, concernInterps, interpItems, synonyms, words] = await readAll(m, [
      () => m.find(AreaEntity, order),
      () => m.find(CatalogueItemEntity, order),
      () => m.find(InterpretationEntity, order),
      () => m.find(ConcernEntity, order),
      () => m.find(ConcernItemLinkEntity, order),
      () => m.find(ConcernInterpretationLinkEntity, order),
      () => m.find(InterpretationItemLinkEntity, order),
      () => m.find(SynonymGroupEntity, order),
      () => m.find(DomainWordEntity, order),
    ] as const);
    const linksBy = <L>(links: L[], key: (l: L) => string, value: (l: L) => string) => {
      const map = new Map<string, string[]>();
      for (const link of links) map.set(key(link), [...(map.get(key(link)) ?? []), value(link)]);
      return map;
    };
    const itemsByConcern = linksBy(concernItems, (l) => l.concernId, (l) => l.itemId);
    const interpsByConcern = linksBy(concernInterps, (l) => l.concernId, (l) => l.interpretationId);
    const itemsByInterp = linksBy(interpItems, (l) => l.interpretationId, (l) => l.itemId);
    return {
      areas: areas.map(({ position: _, ...a }) => a),
      items: items.map(({ position: _, updatedAt: __, ...i }) => i),
      interpretations: interpretations.map(({ position: _, updatedAt: __, ...i }) => ({ ...i, itemIds: itemsByInterp.get(i.id) ?? [] })),
      concerns: concerns.map(({ position: _, createdAt: __, updatedAt: ___, ...c }) => ({
        ...c,
        itemIds: itemsByConcern.get(c.id) ?? [],
        interpretationIds: interpsByConcern.get(c.id) ?? [],
      })),
      synonymGroups: synonyms.map((s) => s.terms),
      words: words.map((w) => w.word),
    };
  }
}

/**
 * Runs the reads in parallel on the pool, or one after another inside a transaction (its single
 * connection cannot run two queries at once).
 */
async function readAll<T extends readonly (() => Promise<unknown>)[]>(
  manager: EntityManager, reads: T,
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  if (!manager.queryRunner) return Promise.all(reads.map((read) => read())) as never;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as never;
}

function concernRow(concern: ConcernRecord, position: number) {
  const { itemIds: _, interpretationIds: __, ...row } = concern;
  return { ...row, position };
}

/**
 * Runs `write` on consecutive slices of `rows`, one statement each, letting the event loop in between:
 * on the embedded database every statement runs on the main thread, and requests must not wait for a whole import.
 */
export async function inChunks<T>(rows: readonly T[], write: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
    if (i > 0) await yieldToEventLoop();
    await write(rows.slice(i, i + INSERT_CHUNK));
  }
}

/** Multi-row inserts, a chunk per statement. */
export async function insertAll<T extends ObjectLiteral>(manager: EntityManager, entity: EntityTarget<T>, rows: object[]): Promise<void> {
  await inChunks(rows, (chunk) => manager.createQueryBuilder().insert().into(entity).values(chunk as never).execute());
}

/** Call inside the transaction of every knowledge write: instances reload when the revision moves. */
export async function bumpRevision(manager: EntityManager): Promise<number> {
  const rows: { value: string }[] = await manager.query(
    `INSERT INTO "app_state" ("key", "value") VALUES ($1, '1')
     ON CONFLICT ("key") DO UPDATE SET "value" = (("app_state"."value")::bigint + 1)::text
     RETURNING "value"`,
    [REVISION_KEY],
  );
  return Number(rows[0].value);
}
