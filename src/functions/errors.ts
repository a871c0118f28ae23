/**
 * Maps the calculation module's errors to Excel errors. Unknown ids and figures the release does not give are
 * #N/A (like a failed lookup); wrong types and bad options are #VALUE!. Every error carries a message that says
 * what was wrong and what is accepted.
 */
export type ErrorKind = 'unknown_metric' | 'unknown_period' | 'bad_currency' | 'not_available' | 'bad_argument';

export function toExcelError(kind: ErrorKind | undefined, message: string): CustomFunctions.Error {
  const code =
    kind === 'bad_currency' || kind === 'bad_argument' || kind === undefined
      ? CustomFunctions.ErrorCode.invalidValue
      : CustomFunctions.ErrorCode.notAvailable;
  // Excel shows at most 255 characters of an error message.
  return new CustomFunctions.Error(code, message.length > 255 ? message.slice(0, 252) + '...' : message);
}

/** A text argument: rejects numbers, booleans, empty cells and arrays with #VALUE! and a message. */
export function requireText(value: unknown, name: string, example: string): string {
  if (typeof value !== 'string') {
    const got =
      value === null || value === undefined
        ? 'an empty cell'
        : Array.isArray(value)
          ? 'a range, where one value is expected (for a row of periods use KC.SERIES, for a block of metrics and periods KC.TABLE)'
          : `the ${typeof value} ${String(value)}`;
    throw toExcelError('bad_argument', `${name} must be text such as ${example}; got ${got}.`);
  }
  // Cheap test first: the common case is a non-blank first character.
  if ((value.length === 0 || value.charCodeAt(0) <= 32) && value.trim() === '') {
    throw toExcelError('bad_argument', `${name} is empty; give text such as ${example}.`);
  }
  return value;
}

/** An optional text argument: omitted or empty means the default. */
export function optionalText(value: unknown, name: string, example: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' && (value.length === 0 || value.charCodeAt(0) <= 32) && value.trim() === '') return undefined;
  return requireText(value, name, example);
}
