// Worker thread of "IAPT: Compute Outcomes" (bundled to dist/outcomesWorker.js): finds, recognises and streams the
// tables off the extension host's thread, posting progress and then the result. Terminated to cancel.
import { parentPort, workerData } from 'node:worker_threads';
import { OutcomeInputError, thresholdsWith, type OutcomeResult } from '../core/outcomes';
import { computeOutcomesFromPaths, type DiscoveredTables } from '../core/outcomes/discover';

export interface OutcomeJob {
  /** files and/or folders */
  paths: string[];
  period?: { from?: string; to?: string };
  /** `iapt.outcomes.thresholds` setting value */
  thresholds?: unknown;
}

export type OutcomeWorkerMessage =
  | { type: 'progress'; message: string; fraction: number }
  | { type: 'done'; result: OutcomeResult; ignored: DiscoveredTables['ignored']; missing: string[] }
  | { type: 'error'; kind: 'input' | 'internal'; message: string };

/** The job itself (also used in-process when the worker bundle is absent). */
export async function runOutcomeJob(job: OutcomeJob, post: (m: OutcomeWorkerMessage) => void, signal?: AbortSignal): Promise<void> {
  try {
    const thresholds = thresholdsWith(job.thresholds);
    post({ type: 'progress', message: 'Finding the tables', fraction: 0 });
    let last = 0;
    const { result, ignored, missing } = await computeOutcomesFromPaths(job.paths, { thresholds, period: job.period }, {
      signal,
      onProgress: (p) => {
        if (p.fraction - last < 0.01 && p.fraction < 1) return;
        last = p.fraction;
        post({ type: 'progress', message: p.message, fraction: p.fraction });
      },
    });
    post({ type: 'done', result, ignored, missing });
  } catch (err) {
    if (signal?.aborted) throw err;
    post({ type: 'error', kind: err instanceof OutcomeInputError ? 'input' : 'internal', message: err instanceof Error ? err.message : String(err) });
  }
}

if (parentPort && workerData && (workerData as { outcomeJob?: OutcomeJob }).outcomeJob) {
  const port = parentPort;
  void runOutcomeJob((workerData as { outcomeJob: OutcomeJob }).outcomeJob, (m) => port.postMessage(m));
}
