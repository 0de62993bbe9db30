import type { ConcernRecord } from '@app/knowledge';

/** What a draft made from the learning loop says until staff write the answer. */
export const DRAFT_ANSWER_PLACEHOLDER = '（答复口径待填写：本事项由“问题归集”生成，发布前请补充答复口径并关联公开事项。）';
const PLACEHOLDER_MARK = '答复口径待填写';

/**
 * Why a concern must not go live yet (empty = it may): residents get exactly its answer, so a
 * missing or placeholder answer, or one resting on no disclosed item, would be published as is.
 */
export function publishProblems(concern: ConcernRecord): string[] {
  const problems: string[] = [];
  const answer = concern.answer.trim();
  if (!answer) problems.push('答复口径还没有填写');
  else if (answer.includes(PLACEHOLDER_MARK)) problems.push('答复口径还没有填写（仍是“待填写”的占位文字）');
  // A referral (转办: another channel handles it) names who to turn to and rests on no catalogue item.
  if (concern.itemIds.length === 0 && concern.kind !== 'referral') problems.push('没有关联公开事项：请在“依据的目录事项”中至少选一项');
  return problems;
}
