import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Concern → catalogue item. Queried from either side, so both columns are indexed. */
@Entity('concern_items')
export class ConcernItemLinkEntity {
  @PrimaryColumn('varchar', { name: 'concern_id', length: 128 })
  concernId: string;

  @Index()
  @PrimaryColumn('varchar', { name: 'item_id', length: 128 })
  itemId: string;

  @Column('int', { default: 0 })
  position: number;
}

/** Concern → interpretation. */
@Entity('concern_interpretations')
export class ConcernInterpretationLinkEntity {
  @PrimaryColumn('varchar', { name: 'concern_id', length: 128 })
  concernId: string;

  @Index()
  @PrimaryColumn('varchar', { name: 'interpretation_id', length: 128 })
  interpretationId: string;

  @Column('int', { default: 0 })
  position: number;
}

/** Interpretation → the catalogue items it explains. */
@Entity('interpretation_items')
export class InterpretationItemLinkEntity {
  @PrimaryColumn('varchar', { name: 'interpretation_id', length: 128 })
  interpretationId: string;

  @Index()
  @PrimaryColumn('varchar', { name: 'item_id', length: 128 })
  itemId: string;

  @Column('int', { default: 0 })
  position: number;
}
