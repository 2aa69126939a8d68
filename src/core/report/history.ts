import { createStore, get, promisifyRequest, type UseStore } from 'idb-keyval';
import { headlineHmean } from '../metrics/headline';
import { runCounts } from './run-counts';
import type { ExecutionProvider, Report } from './schema';
import { parseReport } from './validate';

/** What the history list shows of a run, kept apart from the report so listing reads no reports. */
export interface RunSummary {
  id: string;
  startedAt: string;
  dataset: string;
  /** Null when predictions came from files. */
  modelFile: string | null;
  ep: ExecutionProvider;
  /** The headline H-mean (see headline.ts), or null when no accuracy metric ran. */
  hmean: number | null;
  partial: boolean;
  imagesDone: number;
  /** Of `imagesDone`, failed (absent in summaries saved before it was recorded). */
  imagesFailed?: number;
  imagesTotal: number;
  /**
   * Saved while its run went on (see checkpoint.ts); the run's end replaces it. One still here
   * when no run of that id is going on is an interrupted run: the page was reloaded or closed.
   */
  checkpoint?: true;
}

/** Past runs' reports, newest first. IndexedDB in the app; tests use fake-indexeddb. */
export interface ReportHistory {
  /** Keeps the report; a report with the same run id (a checkpoint, a partial run saved again) replaces it. */
  save(report: Report, opts?: { checkpoint?: boolean }): Promise<RunSummary>;
  list(): Promise<RunSummary[]>;
  /** The stored report, validated again: one saved by an older detscope may no longer fit the schema (throws ReportError). */
  get(id: string): Promise<Report | undefined>;
  delete(id: string): Promise<void>;
  /** Called after every save and delete; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
}

export const HISTORY_DB_NAME = 'detscope-history';
const INDEX_KEY = 'summaries';
const reportKey = (id: string) => `report:${id}`;

export function summarize(report: Report): RunSummary {
  const { run } = report;
  return {
    id: run.id,
    startedAt: run.startedAt,
    dataset: report.dataset.name,
    modelFile: report.model?.fileName ?? null,
    ep: report.environment.ep,
    hmean: headlineHmean(report.accuracy)?.value ?? null,
    partial: run.partial,
    imagesDone: run.imagesDone,
    imagesFailed: runCounts(report).failed,
    imagesTotal: run.imagesTotal,
  };
}

/** A checkpoint whose run is not going on (in this page or another): that run was interrupted (see RunSummary.checkpoint). */
export function isInterrupted(summary: RunSummary, going: ReadonlySet<string>): boolean {
  return summary.checkpoint === true && !going.has(summary.id);
}

export function createReportHistory(store: UseStore = createStore(HISTORY_DB_NAME, 'reports')): ReportHistory {
  const listeners = new Set<() => void>();
  const changed = () => listeners.forEach((l) => l());

  /** Rewrites the index and applies `alsoDo` in one transaction, so two saves cannot lose each other's summary. */
  const editIndex = (edit: (list: RunSummary[]) => RunSummary[], alsoDo: (s: IDBObjectStore) => void) =>
    store('readwrite', (s) => {
      const read = s.get(INDEX_KEY) as IDBRequest<RunSummary[] | undefined>;
      // idb-keyval's update() pattern: request callbacks keep the transaction alive, promise callbacks may not.
      read.onsuccess = () => {
        s.put(edit(read.result ?? []), INDEX_KEY);
        alsoDo(s);
      };
      return promisifyRequest(s.transaction);
    });

  return {
    async save(report, opts) {
      // A plain JSON copy: what is stored is what report.json holds, and UI proxies cannot be cloned into IndexedDB.
      const plain = JSON.parse(JSON.stringify(report)) as Report;
      const summary: RunSummary = { ...summarize(plain), ...(opts?.checkpoint ? { checkpoint: true as const } : {}) };
      await editIndex(
        (list) => [summary, ...list.filter((x) => x.id !== summary.id)].sort((a, b) => b.startedAt.localeCompare(a.startedAt)),
        (s) => s.put(plain, reportKey(summary.id)),
      );
      changed();
      return summary;
    },
    async list() {
      return (await get<RunSummary[]>(INDEX_KEY, store)) ?? [];
    },
    async get(id) {
      const stored = await get<unknown>(reportKey(id), store);
      return stored === undefined ? undefined : parseReport(stored, `history: ${id}`);
    },
    async delete(id) {
      await editIndex(
        (list) => list.filter((x) => x.id !== id),
        (s) => s.delete(reportKey(id)),
      );
      changed();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

let shared: ReportHistory | null = null;

/** The app's history, opened on first use (opening IndexedDB at import time would run in Node tests and workers too). */
export function reportHistory(): ReportHistory {
  shared ??= createReportHistory();
  return shared;
}
