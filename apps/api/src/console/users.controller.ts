import { Body, Controller, Get, NotFoundException, Param, ParseIntPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, CurrentUser, RequireRoles, type AuthenticatedUser, type UserSummary } from '@app/auth';
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
    @Param('id', new ParseIntPipe({ errorHttpStatusCode: 404, exceptionFactory: () => idNotFound() })) id: number,
    @Body() body: UpdateUserDto,
  ): Promise<UserSummary> {
    return this.auth.updateUser(id, body, user);
  }
}

function idNotFound() {
  return new NotFoundException('账号不存在');
}
