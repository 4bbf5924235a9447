// Parsing the CLI's arguments, numbers and durations. Each parser throws a
// UsageError naming what it was parsing.
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake on the command line: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

const INTEGER = /^\d+(?:_\d+)*$/;
const DURATION = /^(\d+(?:_\d+)*(?:\.\d+)?)(us|ms|s|m)?$/;
const MS_PER_UNIT = { us: 0.001, ms: 1, s: 1000, m: 60_000 } as const;
/** Node's timers fire at once for longer delays. */
const MAX_DURATION_MS = 2 ** 31 - 1;

/** A whole number from `min` to `max`, underscores allowed between digits (200_000). */
export function parseCount(text: string, what: string, min = 1, max = Number.MAX_SAFE_INTEGER): number {
  const trimmed = text.trim();
  if (!INTEGER.test(trimmed)) {
    throw new UsageError(`${what} must be a whole number${min > 0 ? ` of at least ${min}` : ''}, got '${text}'`);
  }
  const value = Number(trimmed.replaceAll('_', ''));
  if (!Number.isSafeInteger(value)) throw new UsageError(`${what} is too large: '${text}'`);
  if (value < min) throw new UsageError(`${what} must be at least ${min}, got '${text}'`);
  if (value > max) throw new UsageError(`${what} must be at most ${max}, got '${text}'`);
  return value;
}

/** A duration in milliseconds: a number with a us, ms, s or m suffix (a bare number means seconds). */
export function parseDuration(text: string, what: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new UsageError(`${what} must be a duration such as 500ms, 10s or 2m (or 50us), got '${text}'`);
  const unit = (match[2] ?? 's') as keyof typeof MS_PER_UNIT;
  const ms = Number(match[1].replaceAll('_', '')) * MS_PER_UNIT[unit];
  if (!(ms > 0)) throw new UsageError(`${what} must be longer than zero, got '${text}'`);
  if (ms > MAX_DURATION_MS) throw new UsageError(`${what} must be at most ${MAX_DURATION_MS} ms (about 24.8 days), got '${text}'`);
  return ms;
}

/** node:util's parseArgs over `config.args`, its mistakes as one-line UsageErrors. */
export function parseFlags<T extends ParseArgsConfig & { args: string[] }>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(describeParseError(error as Error, config.args));
  }
}

/** parseArgs's error in one line; "--iters -5" would otherwise read as a missing value. */
function describeParseError(error: Error, args: string[]): string {
  const dashed = /Option '(--[\w-]+)' argument is ambiguous/.exec(error.message);
  if (dashed) {
    const value = args[args.indexOf(dashed[1]) + 1];
    return `${dashed[1]} must not be negative or start with '-', got '${value}'`;
  }
  return error.message.split('\n')[0];
}
