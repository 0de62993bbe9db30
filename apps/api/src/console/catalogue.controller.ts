import { Body, Controller, Get, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireRoles, type AuthenticatedUser } from '@app/auth';
import { CurationService } from '@app/curation';
import { InterpretationDto, ItemDto, ListQueryDto } from './curation.dto.js';
import { IdPipe } from './id.pipe.js';

@ApiTags('管理后台 · 目录事项与政策解读')
@Controller('api/console')
@RequireRoles('curator')
export class CatalogueController {
  constructor(private readonly curation: CurationService) {}

  @Get('items')
  @ApiOperation({ summary: '目录事项：按领域浏览、检索' })
  items(@Query() query: ListQueryDto) {
    return this.curation.listItems(query);
  }

  @Get('items/:id')
  @ApiOperation({ summary: '目录事项详情，含依据它的关切事项和解读它的政策解读' })
  item(@Param('id', new IdPipe('目录事项')) id: string) {
    return this.curation.getItem(id);
  }

  @Post('items')
  @ApiOperation({ summary: '新增目录事项' })
  createItem(@CurrentUser() user: AuthenticatedUser, @Body() body: ItemDto) {
    return this.curation.saveItem(user, null, body);
  }

  @Put('items/:id')
  @ApiOperation({ summary: '修改目录事项（依据它的关切事项将标记为待复核）' })
  updateItem(@CurrentUser() user: AuthenticatedUser, @Param('id', new IdPipe('目录事项')) id: string, @Body() body: ItemDto) {
    return this.curation.saveItem(user, id, body);
  }

  @Get('interpretations')
  @ApiOperation({ summary: '政策解读：浏览、检索' })
  interpretations(@Query() query: ListQueryDto) {
    return this.curation.listInterpretations(query);
  }

  @Get('interpretations/:id')
  @ApiOperation({ summary: '政策解读详情，含它解读的目录事项和引用它的关切事项' })
  interpretation(@Param('id', new IdPipe('政策解读')) id: string) {
    return this.curation.getInterpretation(id);
  }

  @Post('interpretations')
  @ApiOperation({ summary: '新增政策解读' })
  createInterpretation(@CurrentUser() user: AuthenticatedUser, @Body() body: InterpretationDto) {
    return this.curation.saveInterpretation(user, null, body);
  }

  @Put('interpretations/:id')
  @ApiOperation({ summary: '修改政策解读（引用它的关切事项将标记为待复核）' })
  updateInterpretation(
    @CurrentUser() user: AuthenticatedUser, @Param('id', new IdPipe('政策解读')) id: string, @Body() body: InterpretationDto,
  ) {
    return this.curation.saveInterpretation(user, id, body);
  }
}
