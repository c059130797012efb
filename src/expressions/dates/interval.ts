/**
 * The interval names of DateAdd and DateDiff (Entra "functions for customizing application
 * data", § DateAdd, § DateDiff): yyyy year, m month, d day, ww week, h hour, n minute, s second.
 * As in VBA, the names are case-insensitive ("D" is a day); others (VBA's "q", "y", "w") are
 * refused rather than guessed.
 *
 * Example: parseInterval('ww') → 'ww'; parseInterval('q') → undefined
 */
export type Interval = 'yyyy' | 'm' | 'd' | 'ww' | 'h' | 'n' | 's';

const intervals: readonly Interval[] = ['yyyy', 'm', 'd', 'ww', 'h', 'n', 's'];

export function parseInterval(text: string): Interval | undefined {
  const lower = text.trim().toLowerCase();
  return intervals.find((interval) => interval === lower);
}

export const intervalHint = 'the interval must be one of "yyyy", "m", "d", "ww", "h", "n", "s"';

export const millisecondsPer = { d: 86_400_000, h: 3_600_000, n: 60_000, s: 1_000 } as const;
