import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import type { AppConfig } from '@app/common';
import { CurationModule } from '@app/curation';
import { AuthController } from '../auth/auth.controller.js';
import { AuditController } from './audit.controller.js';
import { CatalogueController } from './catalogue.controller.js';
import { ConcernsController } from './concerns.controller.js';
import { ImportExportController } from './import-export.controller.js';
import { UsersController } from './users.controller.js';

/**
 * Sign-in (AuthModule is global: every controller can use @RequireRoles) and the console API;
 * CurationModule is global too, so that other console controllers (learning loop) can use its services.
 */
@Module({})
export class ConsoleApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConsoleApiModule,
      imports: [
        AuthModule.forRoot({ settings: config.auth, redisUrl: config.storage.redisUrl }),
        CurationModule.forRoot({ thresholds: config.matching.thresholds, hotline: config.conversation.hotline }),
      ],
      controllers: [AuthController, UsersController, ConcernsController, CatalogueController, AuditController, ImportExportController],
    };
  }
}
