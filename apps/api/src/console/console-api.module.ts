import { Module, type DynamicModule } from '@nestjs/common';
import { AuthModule } from '@app/auth';
import type { AppConfig } from '@app/common';
import { AuthController } from '../auth/auth.controller.js';
import { UsersController } from './users.controller.js';

/** Sign-in (AuthModule is global: every controller can use @RequireRoles) and the console API. */
@Module({})
export class ConsoleApiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: ConsoleApiModule,
      imports: [AuthModule.forRoot({ settings: config.auth, redisUrl: config.storage.redisUrl })],
      controllers: [AuthController, UsersController],
    };
  }
}
