import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One line of dict/synonyms.txt: canonical term first. */
@Entity('synonym_groups')
export class SynonymGroupEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column('jsonb')
  terms: string[];

  @Column('int', { default: 0 })
  position: number;
}

/** One line of dict/words.txt. */
@Entity('domain_words')
export class DomainWordEntity {
  @PrimaryColumn('varchar', { length: 64 })
  word: string;

  @Column('int', { default: 0 })
  position: number;
}

/** Small shared state, such as the knowledge revision that tells every instance to reload. */
@Entity('app_state')
export class AppStateEntity {
  @PrimaryColumn('varchar', { length: 64 })
  key: string;

  @Column('text')
  value: string;
}
