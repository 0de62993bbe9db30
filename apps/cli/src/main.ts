import 'reflect-metadata';
import { resolve } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { ConfigError, loadAppConfig, type AppConfig } from '@app/common';
import { ConversationService } from '@app/conversation';
import {
  answerWarnings, formatIssue, formulaCellWarnings, KnowledgeImportError, KnowledgeService, KnowledgeSnapshot, readKnowledgeFolder, similarQuestionWarnings,
  type KnowledgeBundle,
} from '@app/knowledge';
import { AnswerIndex, AnswerIndexService, findConfusableConcerns, formatConfusionReport, isConfusable } from '@app/matching';
import { PlatformModule } from '@app/platform';

const USAGE = `用法：npm run cli -- <命令>
  import <目录>      校验并导入知识库目录（全部成功才生效）
  export <目录>      把数据库中的知识库导出为共享格式目录
  validate <目录>    只校验知识库目录，不写数据库；并报告答复口径的问题（数字或条款没写出处、复核日期已过）
                    和难以区分的关切事项（--all 全部列出）
  ask "<问题>"       提问，打印答复和候选项及分数
  reindex            重建问答索引`;

async function withPlatform<T>(config: AppConfig, run: (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>) => Promise<T>): Promise<T> {
  const app = await NestFactory.createApplicationContext(PlatformModule.forRoot(config), { logger: ['error', 'warn'] });
  try {
    return await run(app);
  } finally {
    await app.close();
  }
}

/** Warnings only (the folder is valid): figures and clauses without a named source, review dates that have passed. */
function reportAnswers(bundle: KnowledgeBundle): void {
  // Formula-like cells: export keeps them verbatim (the round trip), so staff are told here.
  const warnings = [...answerWarnings(bundle), ...formulaCellWarnings(bundle)];
  if (warnings.length === 0) {
    console.log('答复口径检查：没有发现问题');
    return;
  }
  console.log(`\n答复口径检查（警告，不影响导入）：${warnings.length} 处`);
  for (const warning of warnings) console.log(`  - ${formatIssue(warning)}`);
}

/**
 * Warnings only (the folder is valid): concerns so alike that the engine cannot tell them apart.
 * Exact duplicate phrasings are already errors of the folder validator.
 */
function reportSimilarConcerns(bundle: KnowledgeBundle, all: boolean): void {
  const similar = similarQuestionWarnings(bundle);
  const allPairs = findConfusableConcerns(AnswerIndex.build(new KnowledgeSnapshot(bundle, 0)));
  const pairs = all ? allPairs : allPairs.filter(isConfusable);
  if (similar.length === 0 && pairs.length === 0) {
    console.log('近似重复检查：没有发现难以区分的关切事项');
    return;
  }
  console.log(`\n近似重复检查（警告，不影响导入）：标准问题几乎相同 ${similar.length} 处，容易混淆的关切事项 ${pairs.length} 对`);
  for (const warning of similar) console.log(`  - ${formatIssue(warning)}`);
  if (pairs.length > 0) {
    console.log('容易混淆：把一个事项自己的问法拿出来提问，答中的却是另一个事项。请合并这两个事项，或在相似问法、关键词里写出两者的区别：');
    for (const line of formatConfusionReport(pairs, all ? pairs.length : 20)) console.log(line);
  }
  const single = allPairs.length - allPairs.filter(isConfusable).length;
  if (!all && single > 0) console.log(`另有 ${single} 对只有一条相似问法被对方胜出（加 --all 列出）`);
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help') {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === 'validate') {
    if (!args[0]) return usageError('validate 需要一个目录');
    const { bundle, issues } = await readKnowledgeFolder(resolve(args[0]));
    if (issues.length > 0) {
      console.error(`发现 ${issues.length} 处错误：`);
      for (const issue of issues) console.error(`  - ${formatIssue(issue)}`);
      return 1;
    }
    console.log(`校验通过：领域 ${bundle.areas.length}，目录事项 ${bundle.items.length}，解读 ${bundle.interpretations.length}，关切事项 ${bundle.concerns.length}，同义词组 ${bundle.synonymGroups.length}，词条 ${bundle.words.length}`);
    reportAnswers(bundle);
    reportSimilarConcerns(bundle, args.includes('--all'));
    return 0;
  }
  const config = loadAppConfig();
  config.knowledge.importOnEmpty = command === 'ask';
  switch (command) {
    case 'import': {
      if (!args[0]) return usageError('import 需要一个目录');
      return withPlatform(config, async (app) => {
        const summary = (await app.get(KnowledgeService).importFolder(resolve(args[0])))!;
        console.log(`导入完成（修订 ${summary.revision}）：领域 ${summary.areas}，目录事项 ${summary.items}，解读 ${summary.interpretations}，关切事项 ${summary.concerns}，同义词组 ${summary.synonymGroups}，词条 ${summary.words}`);
        return 0;
      });
    }
    case 'export': {
      if (!args[0]) return usageError('export 需要一个目录');
      return withPlatform(config, async (app) => {
        await app.get(KnowledgeService).exportFolder(resolve(args[0]));
        console.log(`已导出到 ${resolve(args[0])}`);
        return 0;
      });
    }
    case 'ask': {
      const text = args.join(' ').trim();
      if (!text) return usageError('ask 需要一个问题');
      return withPlatform(config, async (app) => {
        const result = await app.get(ConversationService).ask({ text, channel: 'web', userId: 'cli' });
        console.log(`决定：${result.decision}${result.concern ? `（${result.concern.id}）` : ''}`);
        if (Object.keys(result.corrections).length > 0) console.log(`纠错：${JSON.stringify(result.corrections)}`);
        console.log(`\n${result.reply}\n\n候选：`);
        for (const c of result.candidates) console.log(`  ${c.score.toFixed(3)}  ${c.type.padEnd(14)} ${c.id}  ${c.title}`);
        return 0;
      });
    }
    case 'reindex':
      return withPlatform(config, async (app) => {
        const index = app.get(AnswerIndexService);
        await app.get(KnowledgeService).refresh();
        const built = index.current();
        console.log(`索引已重建：修订 ${built.revision}，关切事项 ${built.concerns.size}，公开事项与解读 ${built.documents.size}，用时 ${built.buildMs.toFixed(0)} ms`);
        return 0;
      });
    default:
      return usageError(`未知命令：${command}`);
  }
}

function usageError(message: string): number {
  console.error(`${message}\n\n${USAGE}`);
  return 2;
}

main(process.argv.slice(2))
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    if (error instanceof KnowledgeImportError || error instanceof ConfigError) {
      console.error(error.message);
    } else {
      console.error('命令失败：', error);
    }
    process.exit(1);
  });
