// Worker thread of the validation features (bundled to dist/validateWorker.js): validates an editor document's
// text or files on disk off the extension host's thread, posting progress and then the findings. Terminated to
// cancel (a newer version of the document, or the user's Cancel).
import { parentPort, workerData } from 'node:worker_threads';
import { detectDelimiter, delimiterForFileName } from '../core/csv';
import { validateFiles, validateText, type Finding, type RuleSelection, type ValidationRun } from '../core/validation';

export type ValidateJob =
  | { kind: 'text'; text: string; file: string; selection: RuleSelection }
  | { kind: 'files'; files: string[]; selection: RuleSelection };

export type ValidateWorkerMessage =
  | { type: 'progress'; message: string; fraction: number }
  | { type: 'done'; findings: Finding[]; run?: ValidationRun; delimiter?: string; table?: string | null }
  | { type: 'error'; message: string };

/** The job itself (also used in-process when the worker bundle is absent). */
export async function runValidateJob(job: ValidateJob, post: (m: ValidateWorkerMessage) => void, signal?: AbortSignal): Promise<void> {
  try {
    if (job.kind === 'text') {
      const r = validateText(job.text, job.file, { selection: job.selection });
      const delimiter = detectDelimiter(job.text.slice(0, 65536), { fallback: delimiterForFileName(job.file) });
      post({ type: 'done', findings: r.findings, delimiter, table: r.recognised?.id ?? null });
      return;
    }
    const findings: Finding[] = [];
    let last = 0;
    const run = await validateFiles(job.files, (f) => findings.push(f), {
      selection: job.selection, signal,
      onProgress: (p) => {
        if (p.fraction - last < 0.01 && p.fraction < 1) return;
        last = p.fraction;
        post({ type: 'progress', message: p.message, fraction: p.fraction });
      },
    });
    post({ type: 'done', findings, run });
  } catch (err) {
    if (signal?.aborted) throw err;
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
  }
}

if (parentPort && workerData && (workerData as { validateJob?: ValidateJob }).validateJob) {
  const port = parentPort;
  void runValidateJob((workerData as { validateJob: ValidateJob }).validateJob, (m) => port.postMessage(m));
}
