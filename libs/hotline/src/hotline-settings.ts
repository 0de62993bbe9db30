import { HotlineConfig, type WorkOrderCategory } from '@app/common';

export const HOTLINE_SETTINGS = Symbol('HOTLINE_SETTINGS');

/** The `hotline` config section as the lib uses it (absent section → the documented defaults). */
export type HotlineSettings = HotlineConfig;

export function hotlineSettings(config?: HotlineConfig): HotlineSettings {
  return config ?? new HotlineConfig();
}

/** Working days to 办结 for a category under 限时答复. */
export function limitedWorkingDays(settings: HotlineSettings, category: WorkOrderCategory): number {
  const d = settings.deadlines;
  const byCategory: Record<WorkOrderCategory, number> = {
    咨询: d.consult, 求助: d.help, 建议: d.suggestion, 投诉: d.complaint, 举报: d.report,
  };
  return byCategory[category];
}
