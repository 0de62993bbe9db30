import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { AllowPendingPasswordChange, AuthService, CurrentToken, CurrentUser, RequireRoles, type AuthenticatedUser, type LoginResult } from '@app/auth';
import { ChangePasswordDto, LoginDto } from './auth.dto.js';

@ApiTags('登录')
@Controller('api/auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('login')
  @HttpCode(200)
  @ApiOperation({ summary: '登录管理后台：返回令牌（Authorization: Bearer <token>）' })
  login(@Body() body: LoginDto, @Req() request: FastifyRequest): Promise<LoginResult> {
    return this.auth.login(body.username, body.password, request.ip ?? null);
  }

  @Post('logout')
  @HttpCode(200)
  @RequireRoles()
  @AllowPendingPasswordChange()
  @ApiOperation({ summary: '退出登录（令牌立即失效）' })
  async logout(@CurrentToken() token: string): Promise<{ ok: true }> {
    await this.auth.logout(token);
    return { ok: true };
  }

  @Get('me')
  @RequireRoles()
  @AllowPendingPasswordChange()
  @ApiOperation({ summary: '当前登录的用户' })
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }

  @Post('password')
  @HttpCode(200)
  @RequireRoles()
  @AllowPendingPasswordChange()
  @ApiOperation({ summary: '修改自己的密码（其他登录会话随之失效）' })
  async changePassword(
    @CurrentUser() user: AuthenticatedUser, @CurrentToken() token: string, @Body() body: ChangePasswordDto,
  ): Promise<{ ok: true }> {
    await this.auth.changeOwnPassword(user.id, body.currentPassword, body.newPassword, token);
    return { ok: true };
  }
}
