/** The DB representer's parameters, in one object (PaddleOCR's DBPostProcess names, camel-cased). */
export interface DbParams {
  /** Probability above which a pixel is text (strict `>`, compared in float32). */
  thresh: number;
  /** Candidates whose mean probability is below this are dropped. */
  boxThresh: number;
  /** Offset distance = area * unclipRatio / perimeter. */
  unclipRatio: number;
  /** Contours kept, in findContours order; the rest are dropped and the result says so. */
  maxCandidates: number;
  /** Shortest side of a candidate's rectangle before unclip (and minSize + 2 after). */
  minSize: number;
  /** 'box': 4-corner min-area rectangles; 'poly': the unclipped simplified contours. */
  mode: 'box' | 'poly';
}

export const DEFAULT_DB_PARAMS: DbParams = {
  thresh: 0.3,
  boxThresh: 0.6,
  unclipRatio: 1.5,
  maxCandidates: 1000,
  minSize: 3,
  mode: 'box',
};
