/**
 * Dates as people read them on screen ("28 Nov 2026, 21:35"), with the exact ISO time kept
 * for a tooltip; missing dates read as a word ("never").
 *
 * Example: formatDate('2026-11-28T21:35:59.777Z') → '28 Nov 2026, 21:35' (in the browser's zone)
 */
const formatter = new Intl.DateTimeFormat(undefined, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});

export function formatDate(iso: string | null | undefined, missing = 'never'): string {
  if (!iso) return missing;
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : formatter.format(date);
}

export function formatTime(date: Date | undefined): string {
  return date ? date.toLocaleTimeString() : '';
}
