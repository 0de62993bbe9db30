import { AreaEntity } from './area.entity.js';
import { CatalogueItemEntity } from './catalogue-item.entity.js';
import { ConcernEntity } from './concern.entity.js';
import { AppStateEntity, DomainWordEntity, SynonymGroupEntity } from './dictionary.entity.js';
import { InterpretationEntity } from './interpretation.entity.js';
import { ConcernInterpretationLinkEntity, ConcernItemLinkEntity, InterpretationItemLinkEntity } from './knowledge-link.entity.js';
import { QueryLogEntity } from './query-log.entity.js';

export {
  AreaEntity, CatalogueItemEntity, ConcernEntity, AppStateEntity, DomainWordEntity, SynonymGroupEntity,
  InterpretationEntity, ConcernInterpretationLinkEntity, ConcernItemLinkEntity, InterpretationItemLinkEntity, QueryLogEntity,
};

export const KNOWLEDGE_ENTITIES = [
  AreaEntity, CatalogueItemEntity, InterpretationEntity, ConcernEntity,
  ConcernItemLinkEntity, ConcernInterpretationLinkEntity, InterpretationItemLinkEntity,
  SynonymGroupEntity, DomainWordEntity, AppStateEntity, QueryLogEntity,
];
