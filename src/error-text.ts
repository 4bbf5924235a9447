// An error's stack, with those of the errors it wraps (its `cause`, and theirs): a wrapper names where a failure happened
// (which worker), its cause says what happened there, and both are needed to act on it.
import { describe } from './describe.js';

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

