// The "Linked Tables" tree: participant → pathways → tables (→ UK LLC extract periods) → rows → fields, plus the
// participant's participant-level tables and unlinked rows, and the workspace's unlinked rows. Pure presentation of
// the view model the index worker builds (core/linking/view.ts); a row opens its file at its line.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ParticipantView, ViewPathway, ViewPeriod, ViewRow, ViewTable } from '../core/linking';

export const OPEN_RECORD_COMMAND = 'iapt.linked.openRecord';

export type LinkedNode =
  | { kind: 'participant'; view: ParticipantView }
  | { kind: 'pathway'; pathway: ViewPathway }
  | { kind: 'table'; table: ViewTable; participantLevel: boolean }
  | { kind: 'period'; period: ViewPeriod; tableId: string }
  | { kind: 'row'; row: ViewRow }
  | { kind: 'field'; text: string }
  | { kind: 'unlinked'; label: string; rows: ViewRow[]; total: number };

/** Tree items' text is plain text (labels and descriptions never render markdown or links). */
export class LinkedTreeProvider implements vscode.TreeDataProvider<LinkedNode> {
  private readonly changed = new vscode.EventEmitter<LinkedNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private view: ParticipantView | undefined;
  roots: LinkedNode[] = [];

  show(view: ParticipantView | undefined, workspaceUnlinked?: { rows: ViewRow[]; total: number }): void {
    this.view = view;
    this.roots = [];
    if (view) this.roots.push({ kind: 'participant', view });
    if (workspaceUnlinked && workspaceUnlinked.total > 0) {
      this.roots.push({ kind: 'unlinked', label: 'Unlinked rows in the workspace', rows: workspaceUnlinked.rows, total: workspaceUnlinked.total });
    }
    this.changed.fire(undefined);
  }

  get current(): ParticipantView | undefined { return this.view; }

  /** only root nodes are revealed */
  getParent(): LinkedNode | undefined { return undefined; }

  getChildren(node?: LinkedNode): LinkedNode[] {
    if (!node) return this.roots;
    switch (node.kind) {
      case 'participant': {
        const v = node.view;
        const out: LinkedNode[] = v.pathways.map((pathway) => ({ kind: 'pathway', pathway }));
        for (const table of v.records) out.push({ kind: 'table', table, participantLevel: true });
        if (v.unlinked.length) out.push({ kind: 'unlinked', label: 'Unlinked rows of this participant', rows: v.unlinked, total: v.unlinked.length });
        return out;
      }
      case 'pathway': return node.pathway.tables.map((table) => ({ kind: 'table', table, participantLevel: false }));
      case 'table':
        return node.table.periods && node.table.periods.length > 1
          ? node.table.periods.map((period) => ({ kind: 'period', period, tableId: node.table.tableId }))
          : node.table.rows.map((row) => ({ kind: 'row', row }));
      case 'period': return node.period.rows.map((row) => ({ kind: 'row', row }));
      case 'row': return [...(node.row.reason ? [`why unlinked: ${node.row.reason}`] : []), ...node.row.fields].map((text) => ({ kind: 'field', text }));
      case 'unlinked': return node.rows.map((row) => ({ kind: 'row', row }));
      case 'field': return [];
    }
  }

  getTreeItem(node: LinkedNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.kind) {
      case 'participant': {
        const v = node.view;
        const item = new vscode.TreeItem(v.participantId ? `Participant ${v.participantId}` : 'No participant named', C.Expanded);
        item.description = `${v.match.layout === 'nhs' ? 'NHS' : 'UK LLC'} extract · ${path.basename(v.match.folder)} · ${v.pathways.length} pathway${v.pathways.length === 1 ? '' : 's'}`;
        item.tooltip = `${v.match.folder}`;
        item.iconPath = new vscode.ThemeIcon('person');
        item.id = `participant:${v.match.layout}:${v.match.folder}:${v.participantId ?? v.match.id}`;
        // a named participant gets the inline "Plot scores" action (package.json view/item/context), as pathways do
        if (v.participantId) item.contextValue = 'iapt.participant';
        return item;
      }
      case 'pathway': {
        const p = node.pathway;
        const item = new vscode.TreeItem(`${p.pathwayId}: ${p.label}`, C.Expanded);
        item.description = p.description;
        item.tooltip = `Pathway ${p.pathwayId}\n${p.label}\n${p.description}`;
        item.iconPath = new vscode.ThemeIcon('git-commit');
        item.contextValue = 'iapt.pathway';
        return item;
      }
      case 'table': {
        const t = node.table;
        const kept = t.rows.filter((r) => r.kept).length;
        const item = new vscode.TreeItem(t.tableId, C.Collapsed);
        item.description = `${t.rows.length} row${t.rows.length === 1 ? '' : 's'}${kept < t.rows.length ? ` (${kept} kept)` : ''}${node.participantLevel ? ' · participant-level' : ''}`;
        item.iconPath = new vscode.ThemeIcon('table');
        return item;
      }
      case 'period': {
        const p = node.period;
        const kept = p.rows.filter((r) => r.kept).length;
        const item = new vscode.TreeItem(p.extractEndDate ? `extract ending ${p.extractEndDate}` : 'no extract date', C.Collapsed);
        item.description = kept === p.rows.length ? `${kept} kept` : kept === 0 ? `${p.rows.length} superseded` : `${kept} kept, ${p.rows.length - kept} superseded`;
        item.iconPath = new vscode.ThemeIcon('calendar', kept === 0 ? new vscode.ThemeColor('disabledForeground') : undefined);
        return item;
      }
      case 'row': {
        const r = node.row;
        const item = new vscode.TreeItem(r.summary, C.Collapsed);
        const where = `${path.basename(r.file)}:${r.line}`;
        item.description = r.reason ? `${where} · ${r.reason}` : r.kept ? where : `${where} · ${r.supersededReason ?? 'not kept'}`;
        item.tooltip = `${r.file}:${r.line}${r.extractEndDate !== null ? `\nextract ending ${r.extractEndDate}: ${r.kept ? 'kept by the outcome engine' : r.supersededReason}` : ''}${r.reason ? `\nunlinked: ${r.reason}` : ''}`;
        item.iconPath = r.reason ? new vscode.ThemeIcon('warning')
          : r.kept ? new vscode.ThemeIcon(r.extractEndDate !== null ? 'pass' : 'circle-small-filled')
            : new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('disabledForeground'));
        item.command = { command: OPEN_RECORD_COMMAND, title: 'Open the record', arguments: [r] };
        item.contextValue = 'iapt.row';
        return item;
      }
      case 'field': return new vscode.TreeItem(node.text, C.None);
      case 'unlinked': {
        const item = new vscode.TreeItem(node.label, C.Collapsed);
        item.description = node.total > node.rows.length ? `${node.total} (first ${node.rows.length} listed)` : String(node.total);
        item.iconPath = new vscode.ThemeIcon('warning');
        return item;
      }
    }
  }
}
