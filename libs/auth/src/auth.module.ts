import { Global, Module, type DynamicModule } from '@nestjs/common';
import { acquireRedis } from '@app/common';
import { AuthGuard } from './auth.guard.js';
import { AuthService } from './auth.service.js';
import { AUTH_SETTINGS, type AuthSettings } from './auth.types.js';
import { LOGIN_RATE_LIMITER, MemoryLoginRateLimiter, RedisLoginRateLimiter } from './login-rate-limiter.js';

/** Global, so that every controller can use `@RequireRoles` and `@CurrentUser`. */
@Global()
@Module({})
export class AuthModule {
  /** Login counters in Redis when a URL is given (shared by instances), in memory otherwise. */
  static forRoot(options: { settings: AuthSettings; redisUrl?: string }): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        { provide: AUTH_SETTINGS, useValue: options.settings },
        {
          provide: LOGIN_RATE_LIMITER,
          useFactory: () => options.redisUrl
            ? new RedisLoginRateLimiter(acquireRedis(options.redisUrl), options.settings.redisPrefix)
            : new MemoryLoginRateLimiter(),
        },
        AuthService,
        AuthGuard,
      ],
      exports: [AuthService, AuthGuard, AUTH_SETTINGS],
    };
  }
}
