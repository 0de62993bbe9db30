import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireRoles, type AuthenticatedUser } from '@app/auth';
import { AuditService } from '@app/curation';
import { textId } from '../common/numeric-id.pipe.js';
import { AuditQueryDto } from './curation.dto.js';

@ApiTags('管理后台 · 审计')
@Controller('api/console/audit')
@RequireRoles('curator')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @ApiOperation({ summary: '修改记录：谁、何时、做了什么、修改前后' })
  list(@Query() query: AuditQueryDto, @CurrentUser() user: AuthenticatedUser) {
    return this.audit.list(query, { accounts: user.role === 'admin' });
  }

  @Post(':id/revert')
  @HttpCode(200)
  @ApiOperation({ summary: '撤销一条修改（恢复修改前的内容；撤销本身也记入审计）' })
  revert(@CurrentUser() user: AuthenticatedUser, @Param('id', textId('修改记录')) id: string) {
    return this.audit.revert(user, id);
  }
}
