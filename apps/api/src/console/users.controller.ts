import { Body, Controller, Get, Param, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, CurrentUser, RequireRoles, type AuthenticatedUser, type UserSummary } from '@app/auth';
import { textId } from '../common/numeric-id.pipe.js';
import { CreateUserDto, UpdateUserDto } from './users.dto.js';

/** Account management: admin only. */
@ApiTags('管理后台 · 账号')
@Controller('api/console/users')
@RequireRoles('admin')
export class UsersController {
  constructor(private readonly auth: AuthService) {}

  @Get()
  @ApiOperation({ summary: '账号列表' })
  list(): Promise<UserSummary[]> {
    return this.auth.listUsers();
  }

  @Post()
  @ApiOperation({ summary: '创建账号' })
  create(@CurrentUser() user: AuthenticatedUser, @Body() body: CreateUserDto): Promise<UserSummary> {
    return this.auth.createUser(body, user);
  }

  @Patch(':id')
  @ApiOperation({ summary: '修改账号：角色、显示名、停用、重置密码' })
  update(
    @CurrentUser() user: AuthenticatedUser,
    // Taken as text: a number-typed parameter would be converted ("1e3" → 1000) before the pipe sees it.
    @Param('id', textId('账号')) id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserSummary> {
    return this.auth.updateUser(Number(id), body, user);
  }
}
