/**
 * What ingest asks a person to look at, for the home screen: the state each source was left in by its
 * latest run (failed, every row rejected, some rows rejected), imports undone lately, connectors failing
 * or overdue, and records kept with values to review. Counts and names of sources only: auditors see
 * these too, and none of it is personal data.
 */
import { sql, type SqlRunner } from '../store/sql';
import { listConnectors, type StoredConnector } from './connectors/store';
import { qualityOverview } from './quality/flags';

export type IngestAttentionKind = 'runFailed' | 'runRejectedAll' | 'runRejectedSome' | 'runUndone' | 'connectorFailing' | 'connectorOverdue' | 'flaggedRecords';

export interface IngestAttentionItem {
  readonly kind: IngestAttentionKind;
  readonly severity: 'error' | 'warning' | 'info';
  readonly count: number;
  readonly sourceId: number;
  /** A source's or a connector's name (they are the same: one connector per source). */
  readonly name: string;
  /** When it happened: the run's start, the undo, the last success (null: never succeeded). */
  readonly at: string | null;
  readonly target:
    | { readonly place: 'runs'; readonly runId: number }
    | { readonly place: 'connectors'; readonly sourceId: number }
    | { readonly place: 'quality'; readonly sourceId: number };
}

/** An undone import stays on the home screen this long: long enough to import the right file again. */
export const UNDONE_SHOWN_DAYS = 14;

interface LatestRun {
  id: number;
  source_id: number;
  name: string;
  status: string;
  started_at: string;
  rejected: number;
  kept: number;
}

/**
 * Each source's latest run that still stands (not running, not undone): a failure or rejects that a later
 * run put right are no longer worth a look. An undone run's rejected rows went with it.
 */
function latestRuns(db: SqlRunner): LatestRun[] {
  return db.all<LatestRun>(sql`
    SELECT r.id, r.source_id, s.name, r.status, r.started_at, r.rejected, r.inserted + r.updated + r.unchanged AS kept
    FROM import_run r JOIN source s ON s.id = r.source_id
    WHERE r.id = (SELECT max(l.id) FROM import_run l WHERE l.source_id = r.source_id AND l.status <> 'running' AND l.undone_at IS NULL)
    ORDER BY r.id DESC`);
}

function runItem(run: LatestRun): IngestAttentionItem | null {
  const base = { sourceId: run.source_id, name: run.name, at: run.started_at, target: { place: 'runs', runId: run.id } } as const;
  if (run.status === 'failed' || run.status === 'interrupted') return { ...base, kind: 'runFailed', severity: 'error', count: run.rejected };
  if (run.status !== 'completed' || run.rejected === 0) return null;
  if (run.kept === 0) return { ...base, kind: 'runRejectedAll', severity: 'error', count: run.rejected };
  return { ...base, kind: 'runRejectedSome', severity: 'warning', count: run.rejected };
}

function undoneRuns(db: SqlRunner, now: Date): IngestAttentionItem[] {
  const since = new Date(now.getTime() - UNDONE_SHOWN_DAYS * 86_400_000).toISOString();
  return db
    .all<{ id: number; source_id: number; name: string; undone_at: string; inserted: number }>(
      sql`
      SELECT r.id, r.source_id, s.name, r.undone_at, r.inserted FROM import_run r JOIN source s ON s.id = r.source_id
      WHERE r.undone_at >= ${since} ORDER BY r.undone_at DESC`,
    )
    .map((run) => ({
      kind: 'runUndone',
      severity: 'info',
      count: run.inserted,
      sourceId: run.source_id,
      name: run.name,
      at: run.undone_at,
      target: { place: 'runs', runId: run.id },
    }));
}

/**
 * Overdue: a scheduled connector with no success for twice its period. The scheduler only runs while an
 * administrator or steward has the vault open, so one period late is ordinary after a weekend; two say
 * the syncs are not happening.
 */
export function isOverdue(connector: StoredConnector, now: Date): boolean {
  if (!connector.enabled || connector.scheduleMinutes === null) return false;
  const since = Date.parse(connector.lastSuccessAt ?? connector.createdAt);
  return now.getTime() - since > 2 * connector.scheduleMinutes * 60_000;
}

function connectorItems(db: SqlRunner, now: Date): IngestAttentionItem[] {
  return listConnectors(db).flatMap((connector): IngestAttentionItem[] => {
    const base = {
      sourceId: connector.source.id,
      name: connector.source.name,
      at: connector.lastSuccessAt,
      target: { place: 'connectors', sourceId: connector.source.id },
    } as const;
    // A disabled connector failing is a decision, not news.
    if (connector.enabled && connector.consecutiveFailures > 0)
      return [{ ...base, kind: 'connectorFailing', severity: 'error', count: connector.consecutiveFailures }];
    if (isOverdue(connector, now)) return [{ ...base, kind: 'connectorOverdue', severity: 'warning', count: connector.scheduleMinutes ?? 0 }];
    return [];
  });
}

function flagItems(db: SqlRunner): IngestAttentionItem[] {
  return qualityOverview(db).map((source) => ({
    kind: 'flaggedRecords',
    severity: 'warning',
    count: source.flaggedRecords,
    sourceId: source.sourceId,
    name: source.sourceName,
    at: null,
    target: { place: 'quality', sourceId: source.sourceId },
  }));
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/** `flags`: whether the person may open Data quality (auditors may not: the values are personal data). */
export function ingestAttention(db: SqlRunner, now: Date, options: { readonly flags: boolean }): IngestAttentionItem[] {
  const connectors = connectorItems(db, now);
  const failing = new Set(connectors.filter((item) => item.kind === 'connectorFailing').map((item) => item.sourceId));
  // A failing connector's failed run is the same news twice: the connector's tile leads to the fix.
  const runs = latestRuns(db)
    .flatMap((run) => runItem(run) ?? [])
    .filter((item) => !(item.kind === 'runFailed' && failing.has(item.sourceId)));
  const items = [...runs, ...connectors, ...(options.flags ? flagItems(db) : []), ...undoneRuns(db, now)];
  // Stable: within a severity, the order above (runs newest first, then connectors, flags, undone).
  return items.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
