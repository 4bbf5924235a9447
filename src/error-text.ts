// An error as text, with the errors it wraps (its `cause`, and theirs): a wrapper names where a failure happened
// (which worker), its cause says what happened there, and both are needed to act on it. For the CLI's report of
// a bug and for the failure recorded in a results file.
import { describe } from './describe.js';
import type { RunFailure } from './results-file.js';

function causeOf(error: unknown): unknown {
  return error instanceof Error ? error.cause : undefined;
}

/** The error, then its cause, then the cause's cause... (a cycle ends the chain). */
function causeChain(error: unknown): unknown[] {
  const chain = [error];
  for (let cause = causeOf(error); cause !== undefined && !chain.includes(cause); cause = causeOf(cause)) chain.push(cause);
  return chain;
}

/** The stack of every error in the chain (or the value itself when one is not an Error), each cause after "Caused by: ". */
export function errorStacks(error: unknown): string {
  return causeChain(error)
    .map((item) => (item instanceof Error ? (item.stack ?? `${item.name}: ${item.message}`) : describe(item)))
    .join('\nCaused by: ');
}


/** The record of a failure in a results file: what was under way (`stage`), and the error. */
export function failureRecord(stage: string, error: unknown): RunFailure {
  return { stage, message: error instanceof Error ? error.message : describe(error), stack: errorStacks(error) };
}
