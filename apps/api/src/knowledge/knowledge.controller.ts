import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { summarizeItem } from '@app/conversation';
import { KnowledgeService, type ConcernRecord } from '@app/knowledge';

const ID_PATTERN = /^[\w.\-\u4e00-\u9fff]{1,128}$/u;

/** Residents see what the engine answers with: drafts and retired concerns are staff-only (the console). */
function published(concern: ConcernRecord | undefined): ConcernRecord | undefined {
  return concern?.status === 'published' ? concern : undefined;
}

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
    const concern = requireFound(published(snapshot.concerns.get(id)), '关切事项', id);
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
    const titled = (ids: string[] | undefined, lookup: (id: string) => { title: string } | undefined) =>
      (ids ?? []).flatMap((i) => {
        const found = lookup(i);
        return found ? [{ id: i, title: found.title }] : [];
      });
    return {
      ...item,
      summary: summarizeItem(item, snapshot),
      concerns: titled(snapshot.concernsByItem.get(id), (c) => published(snapshot.concerns.get(c))),
      interpretations: titled(snapshot.interpretationsByItem.get(id), (i) => snapshot.interpretations.get(i)),
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
      concerns: (snapshot.concernsByInterpretation.get(id) ?? []).flatMap((c) => {
        const concern = published(snapshot.concerns.get(c));
        return concern ? [{ id: c, title: concern.title }] : [];
      }),
    };
  }

  @Get('areas')
  @ApiOperation({ summary: '领域列表' })
  areas() {
    return this.knowledge.snapshot().bundle.areas;
  }
}
