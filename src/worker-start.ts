// Starting a worker thread that posts one report and exits: its report, or the reason it has none (it threw, or it
// exited first, named by its role and index).
import { Worker } from 'node:worker_threads';

export interface StartedWorker<Report> {
  worker: Worker;
  report: Promise<Report>;
}

export function startWorker<Report, Task extends { role: string; index: number } = { role: string; index: number }>(url: URL, task: Task): StartedWorker<Report> {
  const worker = new Worker(url, { workerData: task });
  const report = new Promise<Report>((resolve, reject) => {
    let received: Report | undefined;
    worker.once('message', (message: Report) => (received = message));
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (received) resolve(received);
      else reject(new Error(`tearlab: ${task.role} ${task.index} exited with code ${code} before reporting`));
    });
  });
  return { worker, report };
}
