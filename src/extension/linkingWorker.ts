// Worker thread of the linked-tables index (bundled to dist/linkingWorker.js): holds the LinkIndex off the extension
// host's thread and answers requests (build, update, search, view) by message. Terminated to cancel a build.
import { parentPort, workerData } from 'node:worker_threads';
import { buildView, LinkIndex, StaleFileError, viewRow, type IdMatch, type IndexStats, type ParticipantView, type SkippedFile, type ViewRow } from '../core/linking';

export type LinkRequest =
  | { op: 'build'; files: string[] }
  | { op: 'update'; changed: string[]; removed: string[] }
  | { op: 'search'; prefix: string; limit: number }
  | { op: 'find'; id: string }
  | { op: 'view'; match: IdMatch }
  | { op: 'linked'; match: IdMatch }
  | { op: 'unlinked'; limit: number };

export interface IndexState {
  stats: IndexStats;
  skipped: SkippedFile[];
  /** indexed files with reading problems (ragged rows, quotes…): count and the first three */
  problems: { path: string; count: number; first: { line: number; column: number; message: string }[] }[];
}

export type LinkReply =
  | { op: 'build' | 'update'; result: IndexState }
  | { op: 'search'; result: { matches: IdMatch[]; total: number } }
  | { op: 'find'; result: IdMatch[] }
  | { op: 'view'; result: ParticipantView }
  | { op: 'unlinked'; result: { rows: ViewRow[]; total: number } };

export type LinkWorkerMessage =
  | { type: 'progress'; seq: number; message: string; fraction: number }
  | { type: 'reply'; seq: number; ok: true; result: unknown }
  | { type: 'reply'; seq: number; ok: false; error: string; staleFile?: string };

/** The index and its request handler (also used in-process when the worker bundle is absent). */
export class LinkingService {
  private index: LinkIndex | undefined;

  async handle(req: LinkRequest, progress: (message: string, fraction: number) => void): Promise<unknown> {
    const onProgress = (p: { message: string; fraction: number }) => progress(p.message, p.fraction);
    switch (req.op) {
      case 'build':
        this.index = await LinkIndex.build(req.files, { onProgress });
        return this.state();
      case 'update':
        if (!this.index) this.index = await LinkIndex.build(req.changed, { onProgress });
        else await this.index.update(req.changed, req.removed, { onProgress });
        return this.state();
      case 'search': return this.need().search(req.prefix, req.limit);
      case 'find': return this.need().find(req.id);
      case 'view': return buildView(this.need(), req.match);
      // the linked rows themselves (the score chart prepares them with the outcome engine)
      case 'linked': return (await this.need().readMatch(req.match)).pathways;
      case 'unlinked': {
        const ix = this.need();
        const refs = ix.unlinkedRefs();
        const read = await ix.readUnlinked(refs.slice(0, req.limit).map((r) => r.ref));
        return { rows: read.map((u) => viewRow(u.record, u.reason)), total: refs.length };
      }
    }
  }

  private state(): IndexState {
    const ix = this.need();
    const problems = ix.files.filter((f) => f.problemCount > 0)
      .map((f) => ({ path: f.path, count: f.problemCount, first: f.problems.slice(0, 3).map((p) => ({ line: p.line, column: p.column, message: p.message })) }));
    return { stats: ix.stats(), skipped: ix.skipped, problems };
  }

  private need(): LinkIndex {
    if (!this.index) throw new Error('the index is not built yet');
    return this.index;
  }
}

export function errorReply(seq: number, err: unknown): LinkWorkerMessage {
  return { type: 'reply', seq, ok: false, error: err instanceof Error ? err.message : String(err), ...(err instanceof StaleFileError ? { staleFile: err.file } : {}) };
}

if (parentPort && (workerData as { linkingWorker?: boolean } | undefined)?.linkingWorker) {
  const port = parentPort;
  const service = new LinkingService();
  // one request at a time, in order (an update never interleaves with a read of the files it changes)
  let queue = Promise.resolve();
  port.on('message', (m: { seq: number; req: LinkRequest }) => {
    queue = queue.then(async () => {
      try {
        const result = await service.handle(m.req, (message, fraction) => port.postMessage({ type: 'progress', seq: m.seq, message, fraction } satisfies LinkWorkerMessage));
        port.postMessage({ type: 'reply', seq: m.seq, ok: true, result } satisfies LinkWorkerMessage);
      } catch (err) {
        port.postMessage(errorReply(m.seq, err));
      }
    });
  });
}
