import { checkModel, Detector, type DetectResult, type LoadedModel } from '../core/pipeline/detector';
import { ModelError, StorageError } from '../core/errors';
import { inferBridge, postBridge, prepBridge } from '../../workers/spawn';
import { clearPolygonCache, gtMaps, workerFactories } from '../../workers/factories';
import { PRESETS, type ModelProfile } from '../core/model/profiles';
import type { EpRequest } from '../core/model/session';
import type { DroppedFile } from '../core/model/external-data';
import { loadDataset, type Dataset } from '../core/dataset/load-dataset';
import type { DatasetFormat } from '../core/dataset/detect-format';
import { DEFAULT_BOX_TYPE, type BoxType } from '../core/dataset/box-type';
import type { DatasetEntry } from '../core/dataset/entry';
import { datasetContentHash } from '../core/dataset/content-hash';
import { sha256Hex } from '../core/numerics/sha256';
import { DEFAULT_EVALUATION_SETTINGS, evaluate, type EvaluationSettings, type LiveState } from '../core/pipeline/evaluation';
import { MemoryProbe } from '../core/profiler/memory-probe';
import { parseThresholds } from '../core/report/thresholds';
import { reportHistory } from '../core/report/history';
import type { Report } from '../core/report/schema';
import type { CheckpointStats } from '../core/report/checkpoint';
import type { Sample } from '../core/dataset/sample';
import { imageMaps, type ImageMaps } from '../core/pipeline/image-maps';
import { dropName, entriesFromDrop, entriesFromFiles } from './drop-entries';
import { BUNDLED_DATASET, bundledEntries } from './bundled-dataset';
import { holdRunLock } from './run-locks';
import defaultThresholds from '../../thresholds/default.yaml?raw';

export const DEFAULT_MODEL_URL = '/models/ppocr-det.onnx';
export const DEFAULT_SAMPLE_URL = '/samples/hello.png';
/** Images whose recomputed maps stay in memory (3 float maps, 11 MB at 960x960), so stepping back shows them at once. */
const MAPS_KEPT = 3;

const readImage = async (sample: Sample) => new Blob([(await sample.image!.read()) as Uint8Array<ArrayBuffer>]);

/**
 * The page's state and the work behind it: one detector (inference worker + prep + post),
 * the dataset, the settings, and runs. Components read its fields; it talks to workers
 * only through core/pipeline.
 */
export class Workbench {
  ep = $state<EpRequest>('auto');
  model = $state.raw<LoadedModel | null>(null);
  profile = $state<ModelProfile>(structuredClone(PRESETS['ppocr-det']));
  profileReason = $state('');
  dataset = $state.raw<Dataset | null>(null);
  datasetName = $state('');
  datasetFormat = $state<DatasetFormat | 'auto'>('auto');
  /** How gt_/res_ lines are read; the CLI sets it from --box-type. */
  datasetBoxType = $state<BoxType>(DEFAULT_BOX_TYPE);
  datasetLoading = $state('');
  settings = $state<EvaluationSettings>({ ...DEFAULT_EVALUATION_SETTINGS });
  withModel = $state(true);
  running = $state(false);
  /** Cancel pressed, the run not yet wound down (the inference call in flight may finish). */
  cancelling = $state(false);
  busy = $state('');
  /** The run going on: its checkpoint in History is not an interrupted run. */
  runningId = $state<string | null>(null);
  /** What the last run's checkpoints cost (see core/report/checkpoint.ts). */
  checkpointStats: CheckpointStats | null = null;
  /** Regression gates applied to every run; the CLI replaces them with --thresholds. */
  thresholds = { source: 'thresholds/default.yaml', text: defaultThresholds };
  /** A previous report to compare every run with (the CLI's --baseline). */
  baseline: Report | null = null;
  /** Test switches from the URL: `cache-test` (persist every entry, digest the maps), `crash-collate=N`. */
  private readonly faults = new URLSearchParams(globalThis.location?.search ?? '');

  detector: Detector;
  /** The model asked for last, and the one the worker holds; they differ while a load is pending. */
  private wanted: { name: string; bytes: Uint8Array; companions: DroppedFile[] } | null = null;
  private loaded: Workbench['wanted'] = null;
  private loads: Promise<unknown> = Promise.resolve();
  private loadSeq = 0;
  private modelSha = '';
  private lastEntries: DatasetEntry[] = [];
  private abort: AbortController | null = null;
  /** The inspector's recomputed maps, by run and image, least recently asked first. */
  private keptMaps = new Map<string, Promise<ImageMaps>>();
  /** Work on the detector outside a run (single-image detections, inspector maps), each with its cancel. */
  private detections = new Set<AbortController>();
  /** Settles when the run in progress, if any, has wound down. */
  private runEnded: Promise<void> = Promise.resolve();

  constructor(ep: EpRequest) {
    this.ep = ep;
    this.detector = this.createDetector();
  }

  createDetector(): Detector {
    return new Detector({ infer: inferBridge(), prep: prepBridge, post: postBridge });
  }

  presetProfile(id: keyof typeof PRESETS): ModelProfile {
    return structuredClone(PRESETS[id]);
  }

  private async step<T>(label: string, job: () => Promise<T>): Promise<T> {
    this.busy = label;
    try {
      return await job();
    } finally {
      this.busy = '';
    }
  }

  /** `companions`: files dropped with the model (its external weights). */
  async loadModel(name: string, bytes: Uint8Array, companions: DroppedFile[] = []): Promise<void> {
    // The run's inference worker would switch models under it.
    if (this.running) throw new ModelError(`Not loading "${name}" while a run is in progress`, 'Wait for the run to finish, or cancel it, then drop the model again.', { file: name });
    this.wanted = { name, bytes, companions };
    await this.queueLoad();
  }

  async loadDefaultModel(): Promise<void> {
    const bytes = new Uint8Array(await (await fetch(DEFAULT_MODEL_URL)).arrayBuffer());
    await this.loadModel('ppocr-det.onnx', bytes);
  }

  /** After the EP setting changes: the model loaded, or being loaded, on the new EP. */
  async reloadModel(): Promise<void> {
    if (this.wanted) await this.queueLoad();
  }

  /**
   * Loads run one at a time (the worker holds one session), and a load that a later choice
   * (another model, another EP) supersedes before its turn is skipped: the latest choice wins,
   * and nothing runs against a worker between two sessions.
   */
  private queueLoad(): Promise<void> {
    const seq = ++this.loadSeq;
    const job = this.loads.then(async () => {
      const choice = this.wanted;
      if (seq !== this.loadSeq || !choice) return;
      const { name, bytes, companions } = choice;
      const ep = this.ep;
      await this.step(`Loading ${name}…`, async () => {
        try {
          const checked = checkModel(name, bytes, companions);
          // A detection in flight holds the inference worker (tens of seconds on a software
          // adapter) and the new session would wait for it: start on fresh workers instead.
          if (this.detections.size > 0) this.replaceDetector();
          this.model = await this.detector.loadChecked(checked, ep);
        } catch (e) {
          // The worker kept the previous model (then its EP is the one in force) or has none.
          this.model = this.detector.model;
          if (seq === this.loadSeq) {
            this.wanted = this.model ? this.loaded : null;
            if (this.model) this.ep = this.model.runtime.requested;
          }
          throw e;
        }
        this.loaded = choice;
        this.modelSha = await sha256Hex(bytes);
        this.profile = structuredClone(this.model.suggested.profile);
        this.profileReason = this.model.suggested.reason;
      });
    });
    this.loads = job.catch(() => undefined);
    return job;
  }

  /** Stops the workers and what runs in them; the detections waiting on them give up. */
  private replaceDetector(): void {
    const old = this.detector;
    this.detector = this.createDetector();
    old.dispose();
    this.detections.forEach((work) => work.abort());
    this.detections.clear();
  }

  async loadDroppedDataset(source: { transfer?: DataTransfer; files?: File[] }): Promise<void> {
    const entries = source.transfer ? await entriesFromDrop(source.transfer) : entriesFromFiles(source.files ?? []);
    await this.indexDataset(entries, dropName(entries));
  }

  async loadBundledDataset(): Promise<void> {
    await this.indexDataset(await bundledEntries(), BUNDLED_DATASET.name);
  }

  private async indexDataset(entries: DatasetEntry[], name: string): Promise<void> {
    this.datasetLoading = `Indexing ${entries.length} files…`;
    try {
      this.dataset = await loadDataset(entries, {
        format: this.datasetFormat,
        boxType: this.datasetBoxType,
        applyExifOrientation: this.settings.applyExifOrientation,
        onProgress: (done, total) => (this.datasetLoading = `Reading image headers: ${done} of ${total}`),
      });
      this.datasetName = name;
      this.lastEntries = entries;
      // A dataset of prediction files alone can only be evaluated without the model.
      if (this.dataset.predictions.size > 0 && this.dataset.samples.every((s) => !s.image)) this.withModel = false;
    } finally {
      this.datasetLoading = '';
    }
  }

  /** Re-reads the last dataset, e.g. after the format override or the box type changed. */
  async reindex(): Promise<void> {
    if (this.lastEntries.length) await this.indexDataset(this.lastEntries, this.datasetName);
  }

  /** Runs the dataset; `onNotSaved` hears when History could not keep the report, which is returned all the same. */
  async run(onUpdate: (state: LiveState) => void, onNotSaved: (e: StorageError) => void = () => {}): Promise<Report> {
    const dataset = this.dataset;
    if (!dataset) throw new Error('load a dataset first');
    await this.loads;
    const useModel = this.withModel && this.model !== null;
    this.running = true;
    let ended = () => {};
    this.runEnded = new Promise((resolve) => (ended = resolve));
    this.abort = new AbortController();
    // Without it the browser may evict the polygon cache and the run history under storage pressure.
    await navigator.storage?.persist?.().catch(() => false);
    const settings = $state.snapshot(this.settings) as EvaluationSettings;
    try {
      const report = await evaluate({
        dataset,
        datasetName: this.datasetName,
        datasetHash: await datasetContentHash(dataset.samples),
        model: useModel ? { infer: this.detector.infer, loaded: this.model!, sha256: this.modelSha, profile: $state.snapshot(this.profile) as ModelProfile } : null,
        settings,
        workers: workerFactories({ cacheTest: this.faults.has('cache-test'), crashLossAt: Number(this.faults.get('crash-collate')) || undefined }),
        readImage,
        memory: new MemoryProbe({
          wasmBytes: () => this.detector.infer.wasmBytes(),
          gpuBytes: async () => (await this.detector.infer.gpuBytes())?.live ?? null,
        }),
        userAgent: navigator.userAgent,
        page: { crossOriginIsolated: globalThis.crossOriginIsolated ?? false, hardwareConcurrency: navigator.hardwareConcurrency ?? 1 },
        thresholds: { source: this.thresholds.source, loaded: parseThresholds(this.thresholds.text, this.thresholds.source) },
        baseline: this.baseline,
        signal: this.abort.signal,
        onUpdate,
        checkpoint: {
          write: async (partial) => {
            if (this.runningId !== partial.run.id) holdRunLock(partial.run.id, this.runEnded);
            this.runningId = partial.run.id;
            await reportHistory().save(partial, { checkpoint: true });
          },
          done: (stats) => (this.checkpointStats = stats),
        },
      });
      try {
        await reportHistory().save(report);
      } catch (e) {
        // The run is done: a full disk costs its copy in History, never the run.
        const cause = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
        // A checkpoint left behind would show a run that finished as an interrupted one.
        await reportHistory()
          .delete(report.run.id)
          .catch(() => undefined);
        onNotSaved(
          new StorageError(
            `The report of run ${report.run.id} could not be kept in History (${cause})`,
            'It stays shown here: download report.json and report.md from the Report tab. To keep the next runs, free browser storage: delete old runs in History, or clear the cache.',
          ),
        );
      }
      return report;
    } finally {
      this.running = false;
      this.runningId = null;
      this.cancelling = false;
      this.abort = null;
      if (useModel) this.model = await this.detector.syncRuntime();
      ended();
    }
  }

  /** The Single-image tab's detection, once any pending model load is done. */
  async detectImage(image: Blob): Promise<DetectResult | null> {
    await this.loads;
    // Beside a run, the image would queue behind the run's inference calls and share the CPU
    // with it: its timings would be the run's, not its own.
    if (this.running) await this.step('Single image: waiting for the run to finish…', () => this.runEnded);
    if (!this.model) return null;
    // Null when a model load replaced the workers under it.
    return this.useDetector((detector, signal) => detector.detect(image, $state.snapshot(this.profile) as ModelProfile, { signal }));
  }

  /**
   * Work on the detector outside a run, given up (null) when a model load replaces the workers
   * under it; after it, the model shown follows the worker (a lost WebGPU device moves it to WASM).
   */
  private async useDetector<T>(job: (detector: Detector, signal: AbortSignal) => Promise<T>): Promise<T | null> {
    const detector = this.detector;
    const work = new AbortController();
    this.detections.add(work);
    try {
      return await job(detector, work.signal);
    } catch (e) {
      if (work.signal.aborted) return null;
      throw e;
    } finally {
      this.detections.delete(work);
      if (this.detector === detector) this.model = await detector.syncRuntime();
    }
  }

  /** One image's maps for the inspector, computed again with the run's model and profile (a run keeps no maps). */
  imageMaps(report: Report, sample: Sample): Promise<ImageMaps> {
    const key = `${report.run.id}\n${sample.name}`;
    const kept = this.keptMaps.get(key);
    this.keptMaps.delete(key);
    const job =
      kept ??
      (async () => {
        const model = report.model;
        if (!model) throw new ModelError('This run read its detections from prediction files: it has no model to make maps with', 'Run the dataset with a model to see its maps.');
        if (!sample.image) throw new ModelError(`The image ${sample.name} is not in the loaded dataset`, 'Load the dataset with its images to see the maps.', { file: sample.name });
        await this.loads;
        if (this.running) throw new ModelError('Not computing maps while a run is in progress', 'Wait for the run to finish, or cancel it, then turn the layer on again.');
        const run = { modelFile: model.fileName, modelSha256: model.sha256, profile: model.profile as unknown as ModelProfile, applyExifOrientation: report.settings.applyExifOrientation ?? true };
        const image = await readImage(sample);
        const maps = await this.useDetector((detector, signal) => imageMaps(detector, this.modelSha, run, image, sample.gt, gtMaps, signal));
        if (!maps) throw new ModelError('The model was loaded again while these maps were being computed', 'Turn the layer on again.');
        return maps;
      })();
    this.keptMaps.set(key, job);
    job.catch(() => this.keptMaps.get(key) === job && this.keptMaps.delete(key));
    for (const old of this.keptMaps.keys()) if (this.keptMaps.size > MAPS_KEPT) this.keptMaps.delete(old);
    return job;
  }

  cancel(): void {
    this.cancelling = this.abort !== null;
    this.abort?.abort();
  }

  async clearCache(): Promise<void> {
    await this.step('Clearing the polygon cache…', () => clearPolygonCache());
  }
}
