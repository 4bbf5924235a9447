// Starting a worker thread that posts one report and exits: its report, or the reason it has none (it threw, or it
// exited first), named by its role and index.
import { Worker } from 'node:worker_threads';

export interface StartedWorker<Report> {
  worker: Worker;
  report: Promise<Report>;
}

export function startWorker<Report, Task extends { role: string; index: number } = { role: string; index: number }>(url: URL, task: Task): StartedWorker<Report> {
  const worker = new Worker(url, { workerData: task });
  const name = `${task.role} ${task.index}`;
  const report = new Promise<Report>((resolve, reject) => {
    let received: Report | undefined;
    worker.once('message', (message: Report) => (received = message));
    // A worker's error says nothing of which worker threw; the original stays as the cause, with its stack.
    worker.once('error', (error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      reject(new Error(`tearlab: ${name} threw: ${message}`, { cause: error }));
    });
    worker.once('exit', (code) => {
      if (received) resolve(received);
      else reject(new Error(`tearlab: ${name} exited with code ${code} before reporting`));
    });
  });
  return { worker, report };
}

/** Whether each worker has reported, kept up to date as the reports arrive (what a watchdog asks of them). */
export function reportedFlags(workers: readonly StartedWorker<unknown>[]): boolean[] {
  const reported = workers.map(() => false);
  workers.forEach(({ report }, i) => void report.then(() => (reported[i] = true), () => undefined));
  return reported;
}

/**
 * Every worker's report, or the first failure: a worker's own (`stop` then tells the others to stop) or `failed`
 * (the watchdog's). After a failure every worker is terminated before it is thrown.
 */
export async function gatherReports<Report>(workers: readonly StartedWorker<Report>[], failed: Promise<never>, stop: () => void): Promise<Report[]> {
  try {
    return await Promise.race([
      Promise.all(
        workers.map(({ report }) =>
          report.catch((error: unknown) => {
            stop();
            throw error;
          }),
        ),
      ),
      failed,
    ]);
  } catch (error) {
    await Promise.all(workers.map(({ worker }) => worker.terminate()));
    throw error;
  }
}
