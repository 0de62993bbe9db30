import { IsIn, IsInt, IsNumber, IsString, Max, Min, MinLength } from 'class-validator';

/** The learning loop and the console dashboard (libs/insights). */
export class InsightsConfig {
  /** Days looked back when a request does not say. */
  @IsInt() @Min(1) @Max(366)
  windowDays = 30;

  /** Distinct residents / callers asking one unanswered thing in the window that make it a hot concern. */
  @IsInt() @Min(1) @Max(100_000)
  hotAskers = 5;

  /** An answer whose best score is below this counts as unsure: its question goes to the learning loop. */
  @IsNumber() @Min(0) @Max(1)
  lowScore = 0.6;

  /** Weighted word overlap (0–1) with a group's most asked question needed to join the group. */
  @IsNumber() @Min(0.1) @Max(1)
  similarity = 0.55;

  /** Groups listed at most. */
  @IsInt() @Min(1) @Max(5000)
  maxGroups = 200;

  /** Time zone of the dashboard's days and of disclosure deadlines. */
  @IsString() @MinLength(1) @IsIn(Intl.supportedValuesOf('timeZone').concat('UTC'), { message: 'insights.timeZone 不是有效的时区名，如 Asia/Shanghai' })
  timeZone = 'Asia/Shanghai';
}
