/**
 * While the app is open and unlocked, each enabled folder connector with a schedule has its folder watched
 * (chokidar), and a file that appears or changes there triggers a sync of that connector. A folder
 * connector set to "On demand only" (no schedule) is not watched: it is synced only when someone asks
 * (Sync now, `custodia sync`), so adding it, or a file arriving in its folder, never imports anything. chokidar's `awaitWriteFinish`
 * waits until the file has stopped growing, so a file still being copied is not read half-way; the sync
 * itself applies the same rule (settleSeconds) to what it finds. The watcher never reads a file itself.
 */
import { watch, type FSWatcher } from 'chokidar';
import path from 'node:path';
import { isIgnoredName } from './folder';
import type { StoredConnector } from './store';

/** Several files dropped together make one sync, not one per file. */
const DEBOUNCE_MS = 300;

interface Watched {
  readonly key: string;
  readonly watcher: FSWatcher;
  timer: NodeJS.Timeout | null;
}

/** A folder connector is watched when it is enabled and synced on a schedule; "On demand only" is never watched. */
export function watchable(connector: StoredConnector): connector is StoredConnector & { spec: { kind: 'folder' } } {
  return connector.enabled && connector.scheduleMinutes !== null && connector.spec.kind === 'folder';
}

export class FolderWatchers {
  private readonly watched = new Map<number, Watched>();

  constructor(private readonly trigger: (connectorName: string) => void) {}

  /** Watches exactly the enabled folder connectors given that have a schedule; stops watching the others. */
  reconcile(connectors: readonly StoredConnector[]): void {
    const wanted = new Map<number, { name: string; folder: string; settleSeconds: number; key: string }>();
    for (const connector of connectors) {
      if (!watchable(connector)) continue;
      const { path: folder, settleSeconds } = connector.spec.config;
      wanted.set(connector.id, { name: connector.source.name, folder, settleSeconds, key: JSON.stringify([connector.source.name, folder, settleSeconds]) });
    }
    for (const [id, entry] of this.watched) {
      if (wanted.get(id)?.key !== entry.key) this.stop(id, entry);
    }
    for (const [id, want] of wanted) {
      if (this.watched.has(id)) continue;
      const watcher = watch(want.folder, {
        depth: 0,
        // Files already waiting when the vault is unlocked are announced too: they get their sync at once.
        ignoreInitial: false,
        awaitWriteFinish: { stabilityThreshold: Math.max(1000, want.settleSeconds * 1000 + 200), pollInterval: 100 },
        ignored: (file, stats) => stats?.isFile() === true && isIgnoredName(path.basename(file)),
      });
      const entry: Watched = { key: want.key, watcher, timer: null };
      const fire = (): void => {
        if (entry.timer) clearTimeout(entry.timer);
        entry.timer = setTimeout(() => {
          entry.timer = null;
          this.trigger(want.name);
        }, DEBOUNCE_MS);
        entry.timer.unref();
      };
      watcher.on('add', fire);
      watcher.on('change', fire);
      // A folder that disappears or cannot be read shows up in the sync's outcome, not here.
      watcher.on('error', () => undefined);
      this.watched.set(id, entry);
    }
  }

  get size(): number {
    return this.watched.size;
  }

  async closeAll(): Promise<void> {
    const entries = [...this.watched.entries()];
    this.watched.clear();
    await Promise.all(entries.map(([, entry]) => this.close(entry)));
  }

  private stop(id: number, entry: Watched): void {
    this.watched.delete(id);
    void this.close(entry);
  }

  private async close(entry: Watched): Promise<void> {
    if (entry.timer) clearTimeout(entry.timer);
    await entry.watcher.close().catch(() => undefined);
  }
}
