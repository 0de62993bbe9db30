import { AUTH_ENTITIES, AUTH_MIGRATIONS } from '@app/auth';
import { CURATION_ENTITIES, CURATION_MIGRATIONS } from '@app/curation';
import { FEEDBACK_ENTITIES, FEEDBACK_MIGRATIONS } from '@app/conversation';
import { HOTLINE_ENTITIES, HOTLINE_MIGRATIONS } from '@app/hotline';
import { KNOWLEDGE_ENTITIES, KNOWLEDGE_MIGRATIONS, type DatabaseSchema } from '@app/knowledge';
import { INSIGHTS_ENTITIES, INSIGHTS_MIGRATIONS } from '@app/insights';

/**
 * Every table the service owns. Each domain lib exports its entities and migrations; list them here
 * (migration class names carry a timestamp, so the order between domains is stable).
 */
export const SERVICE_SCHEMA: DatabaseSchema = {
  entities: [
    ...INSIGHTS_ENTITIES,
    ...KNOWLEDGE_ENTITIES,
    ...HOTLINE_ENTITIES,
    ...FEEDBACK_ENTITIES,
    ...AUTH_ENTITIES,
    ...CURATION_ENTITIES,
  ],
  migrations: [
    ...INSIGHTS_MIGRATIONS,
    ...KNOWLEDGE_MIGRATIONS,
    ...HOTLINE_MIGRATIONS,
    ...FEEDBACK_MIGRATIONS,
    ...AUTH_MIGRATIONS,
    ...CURATION_MIGRATIONS,
  ],
};
