import { Injectable } from '@nestjs/common';
import { In, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import {
  CatalogueItemEntity, ConcernEntity, ConcernInterpretationLinkEntity, ConcernItemLinkEntity, InterpretationEntity,
  InterpretationItemLinkEntity,
} from './entities/index.js';
import type { CatalogueItemRecord, ConcernRecord, InterpretationRecord } from './knowledge-model.js';
import { inChunks, insertAll, KNOWLEDGE_WRITE_LOCK } from './knowledge-store.js';

/** The three kinds of knowledge staff edit one at a time in the console. */
export type KnowledgeKind = 'concern' | 'item' | 'interpretation';
export interface KnowledgeRecordOf {
  concern: ConcernRecord;
  item: CatalogueItemRecord;
  interpretation: InterpretationRecord;
}
export type KnowledgeRecord = KnowledgeRecordOf[KnowledgeKind];

interface LinkTable {
  entity: EntityTarget<ObjectLiteral>;
  owner: string;
  target: string;
  /** The record field holding the linked ids, in order. */
  field: string;
}

const TABLES: Record<KnowledgeKind, { entity: EntityTarget<ObjectLiteral>; links: LinkTable[] }> = {
  concern: {
    entity: ConcernEntity,
    links: [
      { entity: ConcernItemLinkEntity, owner: 'concernId', target: 'itemId', field: 'itemIds' },
      {
        entity: ConcernInterpretationLinkEntity,
        owner: 'concernId', target: 'interpretationId', field: 'interpretationIds',
      },
    ],
  },
  item: { entity: CatalogueItemEntity, links: [] },
  interpretation: {
    entity: InterpretationEntity,
    links: [{
      entity: InterpretationItemLinkEntity,
      owner: 'interpretationId', target: 'itemId', field: 'itemIds',
    }],
  },
};

// Bookkeeping columns that are not part of a record in the shared format.
const ROW_ONLY = ['position', 'createdAt', 'updatedAt'];

function recordOf(row: ObjectLiteral): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([k]) => !ROW_ONLY.includes(k)));
}

/**
 * Granular writes to the stored knowledge (one concern, item or interpretation at a time), for
 * the console. Every method works inside the caller's transaction, so that the change, its audit
 * entry and the revision bump (`bumpRevision`) commit together; `lock` serialises them with
 * whole-folder imports.
 */
@Injectable()
export class KnowledgeEditor {
  async lock(manager: EntityManager): Promise<void> {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [KNOWLEDGE_WRITE_LOCK]);
  }

  async get<K extends KnowledgeKind>(manager: EntityManager, kind: K, id: string): Promise<KnowledgeRecordOf[K] | null> {
    const { entity, links } = TABLES[kind];
    const row = await manager.findOneBy(entity, { id });
    if (!row) return null;
    const record = recordOf(row);
    for (const link of links) {
      const rows = await manager.find(link.entity, { where: { [link.owner]: id }, order: { position: 'ASC' } });
      record[link.field] = rows.map((r) => r[link.target] as string);
    }
    return record as unknown as KnowledgeRecordOf[K];
  }

  /** Inserts (at the end of the file order) or updates the record, and replaces its links. */
  async save<K extends KnowledgeKind>(manager: EntityManager, kind: K, record: KnowledgeRecordOf[K]): Promise<void> {
    const { entity, links } = TABLES[kind];
    const row: Record<string, unknown> = { ...record };
    for (const link of links) delete row[link.field];
    if (await manager.existsBy(entity, { id: record.id })) {
      await manager.update(entity, { id: record.id }, row);
    } else {
      const [{ next }] = await manager.query(`SELECT COALESCE(MAX(position), -1) + 1 AS next FROM "${manager.getRepository(entity).metadata.tableName}"`);
      await manager.insert(entity, { ...row, position: Number(next) });
    }
    for (const link of links) {
      await manager.delete(link.entity, { [link.owner]: record.id });
      const ids = (record as unknown as Record<string, string[]>)[link.field];
      if (ids.length > 0) {
        await manager.insert(link.entity, ids.map((target, position) => ({ [link.owner]: record.id, [link.target]: target, position })));
      }
    }
  }

  /** Catalogue items by id, many at once (a catalogue import): a query per chunk, not per item. Items have no links. */
  async getItems(manager: EntityManager, ids: readonly string[]): Promise<Map<string, CatalogueItemRecord>> {
    const found = new Map<string, CatalogueItemRecord>();
    await inChunks(ids, async (chunk) => {
      for (const row of await manager.findBy(CatalogueItemEntity, { id: In(chunk) })) found.set(row.id, recordOf(row) as unknown as CatalogueItemRecord);
    });
    return found;
  }

  /**
   * Stores many catalogue items in a few statements per chunk: those not in `existing` are inserted
   * after the last item (in the given order), the others updated in place (their position kept).
   */
  async saveItems(manager: EntityManager, records: readonly CatalogueItemRecord[], existing: ReadonlySet<string>): Promise<void> {
    const added = records.filter((r) => !existing.has(r.id));
    if (added.length > 0) {
      const [{ next }] = await manager.query(`SELECT COALESCE(MAX(position), -1) + 1 AS next FROM "catalogue_items"`);
      await insertAll(manager, CatalogueItemEntity, added.map((r, i) => ({ ...r, position: Number(next) + i })));
    }
    const columns = manager.getRepository(CatalogueItemEntity).metadata.columns.filter((c) => !ROW_ONLY.includes(c.propertyName));
    const assignments = columns.filter((c) => c.propertyName !== 'id').map((c) => `"${c.databaseName}" = v."${c.databaseName}"`);
    // One UPDATE per chunk: the rows travel as one JSON array, typed by the table's own row type.
    await inChunks(records.filter((r) => existing.has(r.id)), (chunk) => manager.query(
      `UPDATE "catalogue_items" AS t SET ${assignments.join(', ')}, "updated_at" = now()
       FROM jsonb_populate_recordset(NULL::"catalogue_items", $1::jsonb) AS v WHERE t."id" = v."id"`,
      [JSON.stringify(chunk.map((r) => Object.fromEntries(columns.map((c) => [c.databaseName, r[c.propertyName as keyof CatalogueItemRecord]]))))],
    ));
  }

  /** For each of these items, the concerns that rest on it (one query per chunk). */
  async concernsLinkedToItems(manager: EntityManager, itemIds: readonly string[]): Promise<Map<string, string[]>> {
    const byItem = new Map<string, string[]>();
    await inChunks(itemIds, async (chunk) => {
      for (const link of await manager.findBy(ConcernItemLinkEntity, { itemId: In(chunk) })) {
        byItem.set(link.itemId, [...(byItem.get(link.itemId) ?? []), link.concernId]);
      }
    });
    return byItem;
  }

  /** Removes the record; its links go with it (foreign keys cascade). */
  async remove(manager: EntityManager, kind: KnowledgeKind, id: string): Promise<void> {
    await manager.delete(TABLES[kind].entity, { id });
  }

  /** Concerns that rest on an item or cite an interpretation. */
  async concernsLinkedTo(manager: EntityManager, kind: 'item' | 'interpretation', id: string): Promise<string[]> {
    const link = TABLES.concern.links.find((l) => l.target === (kind === 'item' ? 'itemId' : 'interpretationId'))!;
    const rows = await manager.find(link.entity, { where: { [link.target]: id } });
    return rows.map((r) => r[link.owner] as string);
  }
}
