import { LearningGroupEntity, LearningHandledEntity } from '../entities/index.js';
import { InsightsSchema1765400000000 } from './1765400000000-insights-schema.js';

/** The learning loop's tables, for SERVICE_SCHEMA (libs/platform). */
export const INSIGHTS_ENTITIES = [LearningHandledEntity, LearningGroupEntity];
export const INSIGHTS_MIGRATIONS = [InsightsSchema1765400000000];
