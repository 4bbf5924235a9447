#!/usr/bin/env node
// The tearlab command: run (the Python ctypes tearing demo of "The GIL Was Your
// Lock", with the fixes), bench (the whole benchmark), compare (results
// files side by side) and report (results files as a page of charts).
import { errorStacks } from './error-text.js';
import { UsageError } from './parse.js';
import { parseRun, RUN_DETAILS, RUN_SYNOPSIS, runCommand } from './run-command.js';

const USAGE = `${RUN_SYNOPSIS}
       tearlab bench [--quick] [--trials N] [--out DIR]    (tearlab bench --help says more)
       tearlab compare FILE|DIR ... [--markdown | --json]  (tearlab compare --help says more)
       tearlab report FILE|DIR ... [--out FILE]            (tearlab report --help says more)
       tearlab run --scenario pair|counter|parity [--mode VARIANT] ...  (the blog posts' other races; --scenario X --help)

${RUN_DETAILS}`;

export async function main(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined) {
      console.error(USAGE);
      return 2;
    }
    if (command === '--help' || command === '-h' || command === 'help') {
      console.log(USAGE);
      return 0;
    }
    if (command === 'bench') return await (await import('../bench/main.js')).benchMain(rest);
    if (command === 'compare') return await (await import('./compare-command.js')).compareMain(rest);
    if (command === 'report') return await (await import('./report/report-command.js')).reportMain(rest);
    if (command !== 'run') throw new UsageError(`unknown command '${command}' (try: tearlab run --help)`);
    if (rest.some((arg) => arg === '--scenario' || arg.startsWith('--scenario='))) {
      return await (await import('./scenarios/scenario-command.js')).scenarioMain(rest);
    }
    const parsed = parseRun(rest, env);
    if (parsed === 'help') {
      console.log(USAGE);
      return 0;
    }
    return await runCommand(parsed);
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`tearlab: ${error.message}`);
      return 2;
    }
    // Anything else is a bug (or a worker's failure), not a typing mistake: its stack, and exit 1.
    console.error(`tearlab: unexpected error\n${errorStacks(error)}`);
    return 1;
  }
}

// Output piped into a reader that stops early (| head) ends the run quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

process.exitCode = await main(process.argv.slice(2), process.env);
