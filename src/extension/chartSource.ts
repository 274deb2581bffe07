// Linked rows of a participant or pathway from a LinkIndex held in this thread (tests and other extensions that
// build their own index; the extension itself reads through the linked-tables worker, see extension.ts).
import type { ChartSelection } from '../core/chart';
import type { LinkIndex, LinkedPathway } from '../core/linking';

/** The linked pathways of a participant or pathway ID (the chosen kind when the ID is both, else whatever it is). */
export async function lookupInIndex(ix: LinkIndex, selection: ChartSelection): Promise<LinkedPathway[]> {
  const all = ix.find(selection.id).filter((m) => !selection.folder || m.folder === selection.folder);
  const matches = all.some((m) => m.kind === selection.kind) ? all.filter((m) => m.kind === selection.kind) : all;
  const out: LinkedPathway[] = [];
  for (const m of matches) out.push(...(await ix.readMatch(m)).pathways);
  return out;
}
