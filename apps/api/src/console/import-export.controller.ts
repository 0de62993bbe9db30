import { Body, Controller, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireRoles, type AuthenticatedUser } from '@app/auth';
import { CatalogueImportService, KnowledgeExportService, todayInChina } from '@app/curation';
import { ImportCommitDto, ImportPreviewDto } from './curation.dto.js';

@ApiTags('管理后台 · 导入导出')
@Controller('api/console')
@RequireRoles('curator')
export class ImportExportController {
  constructor(private readonly imports: CatalogueImportService, private readonly exports: KnowledgeExportService) {}

  @Post('import/catalogue/preview')
  @HttpCode(200)
  @ApiOperation({ summary: '导入目录表（XLSX/CSV，标准列）：预览新增、修改和错误，30 分钟内可提交' })
  preview(@CurrentUser() user: AuthenticatedUser, @Body() body: ImportPreviewDto) {
    return this.imports.preview(user, body.filename, Buffer.from(body.contentBase64, 'base64'));
  }

  @Post('import/catalogue/commit')
  @HttpCode(200)
  @ApiOperation({ summary: '按预览执行导入（全部成功或全部不变）' })
  commit(@CurrentUser() user: AuthenticatedUser, @Body() body: ImportCommitDto) {
    return this.imports.commit(user, body.previewId);
  }

  @Get('export')
  @ApiOperation({ summary: '导出整个知识库（共享格式的知识库目录，zip）' })
  async export(): Promise<StreamableFile> {
    const zip = await this.exports.zip();
    return new StreamableFile(zip, {
      type: 'application/zip',
      disposition: `attachment; filename="knowledge-${todayInChina()}.zip"`,
      length: zip.length,
    });
  }
}
