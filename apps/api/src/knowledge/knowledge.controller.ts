import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { summarizeItem } from '@app/conversation';
import { KnowledgeService } from '@app/knowledge';

const ID_PATTERN = /^[\w.\-\u4e00-\u9fff]{1,128}$/u;

function requireFound<T>(value: T | undefined, what: string, id: string): T {
  if (value === undefined || !ID_PATTERN.test(id)) throw new NotFoundException(`${what}“${id.slice(0, 128)}”不存在 (not found)`);
  return value;
}

@ApiTags('知识库')
@Controller('api')
export class KnowledgeController {
  constructor(private readonly knowledge: KnowledgeService) {}

  @Get('concerns/:id')
  @ApiOperation({ summary: '关切事项，含所依据的目录事项和政策解读' })
  concern(@Param('id') id: string) {
    const snapshot = this.knowledge.snapshot();
    const concern = requireFound(snapshot.concerns.get(id), '关切事项', id);
    return {
      ...concern,
      area: snapshot.areaName(concern.areaCode),
      items: concern.itemIds.flatMap((i) => {
        const item = snapshot.items.get(i);
        return item ? [summarizeItem(item, snapshot)] : [];
      }),
      interpretations: concern.interpretationIds.flatMap((i) => {
        const record = snapshot.interpretations.get(i);
        return record ? [{ id: record.id, title: record.title }] : [];
      }),
    };
  }

  @Get('items/:id')
  @ApiOperation({ summary: '目录事项，含反向链接：依据它的关切事项和解读它的政策解读' })
  item(@Param('id') id: string) {
    const snapshot = this.knowledge.snapshot();
    const item = requireFound(snapshot.items.get(id), '目录事项', id);
    const titled = (ids: string[] | undefined, lookup: Map<string, { id: string; title: string }>) =>
      (ids ?? []).flatMap((i) => (lookup.has(i) ? [{ id: i, title: lookup.get(i)!.title }] : []));
    return {
      ...item,
      summary: summarizeItem(item, snapshot),
      concerns: titled(snapshot.concernsByItem.get(id), snapshot.concerns),
      interpretations: titled(snapshot.interpretationsByItem.get(id), snapshot.interpretations),
    };
  }

  @Get('interpretations/:id')
  @ApiOperation({ summary: '政策解读，含它解读的目录事项和引用它的关切事项' })
  interpretation(@Param('id') id: string) {
    const snapshot = this.knowledge.snapshot();
    const record = requireFound(snapshot.interpretations.get(id), '政策解读', id);
    return {
      ...record,
      items: record.itemIds.flatMap((i) => (snapshot.items.has(i) ? [{ id: i, title: snapshot.items.get(i)!.title }] : [])),
      concerns: (snapshot.concernsByInterpretation.get(id) ?? []).map((c) => ({ id: c, title: snapshot.concerns.get(c)!.title })),
    };
  }

  @Get('areas')
  @ApiOperation({ summary: '领域列表' })
  areas() {
    return this.knowledge.snapshot().bundle.areas;
  }
}
