import { AuditLogEntity } from './audit-log.entity.js';
import { ImportPreviewEntity } from './import-preview.entity.js';

export { AuditLogEntity, ImportPreviewEntity };
export const CURATION_ENTITIES = [AuditLogEntity, ImportPreviewEntity];
