import { Body, Controller, Get, HttpCode, Post, StreamableFile } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser, RequireRoles, type AuthenticatedUser } from '@app/auth';
import { CatalogueImportService, catalogueTemplateCsv, KnowledgeExportService, todayInChina } from '@app/curation';
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

  @Get('import/catalogue/template')
  @ApiOperation({ summary: '目录表导入模板（CSV：标准列的表头和一行示例）' })
  template(): StreamableFile {
    const csv = Buffer.from(catalogueTemplateCsv());
    // RFC 5987 for the Chinese file name; the ASCII one for old clients.
    const name = encodeURIComponent('目录导入模板.csv');
    return new StreamableFile(csv, {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="catalogue-template.csv"; filename*=UTF-8''${name}`,
      length: csv.length,
    });
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
