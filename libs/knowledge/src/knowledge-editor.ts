import { Injectable } from '@nestjs/common';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import {
  CatalogueItemEntity, ConcernEntity, ConcernInterpretationLinkEntity, ConcernItemLinkEntity, InterpretationEntity,
  InterpretationItemLinkEntity,
} from './entities/index.js';
import type { CatalogueItemRecord, ConcernRecord, InterpretationRecord } from './knowledge-model.js';
import { KNOWLEDGE_WRITE_LOCK } from './knowledge-store.js';

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
    const record: Record<string, unknown> = Object.fromEntries(Object.entries(row).filter(([k]) => !ROW_ONLY.includes(k)));
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
