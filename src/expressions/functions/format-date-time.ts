/**
 * FormatDateTime(source, dateTimeStyles, inputFormat, outputFormat): reads the source with a
 * .NET date format and writes it with another (Entra "functions for customizing application
 * data", § FormatDateTime). Formats are .NET custom formats (`dates/dotnet-format.ts`, parsing
 * rules in `dates/parse-exact.ts`), or one-letter standard ones ("o", "s", "u"…).
 *
 * - The older three-argument form FormatDateTime(source, inputFormat, outputFormat), from earlier
 *   versions of the reference, is still accepted.
 * - A source that is already a DateTime (CDate, Now, DateAdd) is formatted without parsing.
 * - An offset in the input converts the value to UTC before formatting, like CDate, so
 *   "2021-06-30+08:00" read with "yyyy-MM-ddzzz" formats as 2021-06-29.
 * - Literal formats and styles are checked at compile time.
 *
 * Null: a null source gives null; text that does not match the input format is an error.
 *
 * Example: FormatDateTime([extensionAttribute1], , "yyyyMMddHHmmss.fZ", "yyyy-MM-dd")
 *   with "20150123105347.1Z" → "2015-01-23"
 */
import type { ArgumentNode } from '../ast.ts';
import { describe, single, toText } from '../coerce.ts';
import { type DateTimeStyles, parseDateTimeStyles } from '../dates/date-time-styles.ts';
import { type FormatToken, tokenizeFormat } from '../dates/dotnet-format.ts';
import { formatDate } from '../dates/format-date.ts';
import { parseExact } from '../dates/parse-exact.ts';
import { failEvaluation } from '../evaluation-error.ts';
import { ExpressionError } from '../expression-error.ts';
import { defineFunction, literalString } from '../function-def.ts';

interface Prepared {
  /** Argument positions of styles (−1 when absent), input format and output format. */
  styles: number;
  input: number;
  output: number;
}

export const formatDateTime = defineFunction<Prepared>({
  name: 'FormatDateTime',
  minArgs: 3,
  maxArgs: 4,
  signature: 'FormatDateTime(source, dateTimeStyles, inputFormat, outputFormat)',
  description: 'Reads a date in one .NET format and writes it in another.',
  prepare({ node }) {
    const four = node.args.length === 4;
    const positions = { styles: four ? 1 : -1, input: four ? 2 : 1, output: four ? 3 : 2 };
    checkFormat(node.args[positions.input]);
    checkFormat(node.args[positions.output]);
    const styles = four ? literalString(node.args[1]) : undefined;
    if (styles !== undefined) {
      const parsed = parseDateTimeStyles(styles);
      if (typeof parsed === 'string') {
        throw new ExpressionError(
          'invalidArgument',
          `'${parsed}' is not a DateTimeStyles value`,
          node.args[1]!.span,
        );
      }
    }
    return positions;
  },
  evaluate(args, env, at) {
    const source = single(args.value(0), 'FormatDateTime source');
    if (source === null) return null;
    const output = formatTokens(
      toText(args.value(at.output), 'FormatDateTime outputFormat'),
      'outputFormat',
    );
    if (source instanceof Date) return formatDate(source, output);
    const text = toText(source, 'FormatDateTime source')!;
    const input = formatTokens(
      toText(args.value(at.input), 'FormatDateTime inputFormat'),
      'inputFormat',
    );
    const stylesText =
      at.styles === -1 ? null : toText(args.value(at.styles), 'FormatDateTime dateTimeStyles');
    const styles: DateTimeStyles | string = parseDateTimeStyles(stylesText);
    if (typeof styles === 'string')
      return failEvaluation(`FormatDateTime: '${styles}' is not a DateTimeStyles value`);
    const parsed = parseExact(text, input, { ...styles, now: () => env.now() });
    if (typeof parsed === 'string') {
      return failEvaluation(
        `FormatDateTime: ${describe(text)} does not match the input format: ${parsed}`,
      );
    }
    return formatDate(parsed, output);
  },
});

function checkFormat(arg: ArgumentNode | undefined): void {
  const literal = literalString(arg);
  if (literal === undefined) return;
  try {
    tokenizeFormat(literal);
  } catch (error) {
    throw new ExpressionError(
      'invalidArgument',
      `bad date format: ${(error as Error).message}`,
      arg!.span,
    );
  }
}

function formatTokens(format: string | null, what: string): readonly FormatToken[] {
  if (format === null) return failEvaluation(`FormatDateTime: the ${what} is missing`);
  try {
    return tokenizeFormat(format);
  } catch (error) {
    return failEvaluation(`FormatDateTime: bad ${what}: ${(error as Error).message}`);
  }
}
