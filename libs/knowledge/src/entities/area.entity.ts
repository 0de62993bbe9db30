import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('areas')
export class AreaEntity {
  @PrimaryColumn('varchar', { length: 64 })
  code: string;

  @Column('text')
  name: string;

  @Column('jsonb', { default: () => "'[]'" })
  aliases: string[];

  @Column('text', { nullable: true })
  department: string | null;

  @Column('int', { default: 0 })
  position: number;
}
