import { STAGES } from '../../../core/pipeline/run-types';

const PALETTE = ['#2d6cdf', '#e07b39', '#1e9e6a', '#8e5bd6', '#d6455d', '#3aa6b9', '#b58b1e'];

/** A fixed colour per stage, so a stage looks the same in every panel and every run. */
export function stageColor(stage: string): string {
  const i = (STAGES as readonly string[]).indexOf(stage);
  if (i >= 0) return PALETTE[i % PALETTE.length];
  const spare = PALETTE.slice(STAGES.length);
  let h = 0;
  for (const c of stage) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return spare[h % spare.length];
}

export const IDLE_COLOR = '#c9ced8';
