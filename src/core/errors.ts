/**
 * Errors a user can cause. Each says where (file, line, JSON path) and what to do next,
 * because the UI and the report show them as they are, without a stack trace.
 */
export interface ErrorLocation {
  file?: string;
  line?: number;
  /** JSON path such as `images["a.jpg"].words["3"].points[1][0]`. */
  path?: string;
}

export class DetscopeError extends Error {
  constructor(
    message: string,
    readonly hint: string,
    readonly where: ErrorLocation = {},
  ) {
    super(message);
    this.name = 'DetscopeError';
  }

  /** One line for logs and reports: where, what, what to do. */
  describe(): string {
    const at = [this.where.file, this.where.line !== undefined ? `line ${this.where.line}` : undefined, this.where.path]
      .filter(Boolean)
      .join(', ');
    return `${at ? `${at}: ` : ''}${this.message}. ${this.hint}`;
  }
}

// Names are spelled out: minified builds rename classes, and the name crosses worker boundaries.
export class DatasetError extends DetscopeError {
  override name = 'DatasetError';
}
export class ModelError extends DetscopeError {
  override name = 'ModelError';
}
export class ThresholdsError extends DetscopeError {
  override name = 'ThresholdsError';
}
export class ReportError extends DetscopeError {
  override name = 'ReportError';
}
/** Browser storage refused a write (quota, private mode); what was computed is kept. */
export class StorageError extends DetscopeError {
  override name = 'StorageError';
}

/**
 * Every error class above, by name: what a worker bridge rebuilds on the other side so
 * that an error keeps its type, hint and location (workers/comlink-errors.ts). A class
 * added here crosses workers without further wiring.
 */
export const ERROR_CLASSES = { DetscopeError, DatasetError, ModelError, ThresholdsError, ReportError, StorageError } as const;
