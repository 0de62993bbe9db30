import { Module, type DynamicModule } from '@nestjs/common';
import { ACCOUNT_AUDIT } from '@app/auth';
import { AccountAuditLog } from './account-audit.js';
import { AuditService } from './audit.service.js';
import { CatalogueImportService } from './catalogue-import.service.js';
import { CurationService } from './curation.service.js';
import { CURATION_SETTINGS, type CurationSettings } from './curation.types.js';
import { KnowledgeChanges } from './knowledge-changes.js';
import { KnowledgeExportService } from './knowledge-export.service.js';

/** Console curation over the knowledge (needs the platform's DataSource, KnowledgeModule and MatchingModule). */
@Module({})
export class CurationModule {
  static forRoot(settings: CurationSettings): DynamicModule {
    return {
      module: CurationModule,
      global: true,
      providers: [
        { provide: CURATION_SETTINGS, useValue: settings },
        KnowledgeChanges, CurationService, AuditService, CatalogueImportService, KnowledgeExportService,
        { provide: ACCOUNT_AUDIT, useClass: AccountAuditLog },
      ],
      exports: [KnowledgeChanges, CurationService, AuditService, CatalogueImportService, KnowledgeExportService, ACCOUNT_AUDIT],
    };
  }
}
