/**
 * The text form of a DateTime value: "M/d/yyyy h:mm:ss tt" in UTC, as CDate, DateAdd and Now
 * return it (Entra "functions for customizing application data", § CDate remarks, § Now).
 *
 * Example: formatEntraDate(new Date('2021-07-02T15:33:38Z')) → '7/2/2021 3:33:38 PM'
 */
import { tokenizeFormat } from './dotnet-format.ts';
import { formatDate } from './format-date.ts';

const entraTokens = tokenizeFormat('M/d/yyyy h:mm:ss tt');

export function formatEntraDate(date: Date): string {
  return formatDate(date, entraTokens);
}
