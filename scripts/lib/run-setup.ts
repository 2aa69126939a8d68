import type { Page } from 'playwright-core';
import { chooseClevalMode } from '../../src/core/metrics/cleval/mode';
import type { ModelProfile } from '../../src/core/model/profiles';
import { CliInputError, type CliInputs, type CliOptions } from './cli-args';
import { currentProfile, groundTruthTexts, predictionsMatched } from './drive-app';
import { changesProfile, withOverrides } from './run-options';

/**
 * What the CLI's profile and run options make of the loaded app: the profile to set (the
 * --profile file, or the one the app chose for the model, with the flags over it), and the
 * lines to print before the run. A --preds run where no file names an image is bad input.
 */
export async function prepareRun(page: Page, opts: CliOptions, inputs: CliInputs, predsOrigin?: ReadonlyMap<string, string>): Promise<{ profile: ModelProfile | undefined; lines: string[] }> {
  const lines: string[] = [];
  if (opts.preds) {
    const { files, matched, unmatched } = await predictionsMatched(page);
    if (matched === 0) {
      throw new CliInputError(`none of the ${files} prediction files in ${opts.preds} names an image of ${opts.data}`, 'Name each file res_<image name without extension>.txt or <image name without extension>.txt, as the images of --data are named.', { file: opts.preds, path: '--preds' });
    }
    if (matched < files) lines.push(`predictions: ${matched} of ${files} files match an image; not scored (listed in the report's skipped files): ${unmatched.map((f) => predsOrigin?.get(f) ?? f).join(', ')}`);
  }
  if ((opts.run.settings.clevalMode ?? 'auto') === 'auto') {
    const choice = chooseClevalMode(await groundTruthTexts(page));
    lines.push(`CLEval mode auto: ${choice.mode === 'seed' ? 'original (seed)' : 'official'}, because ${choice.reason}`);
  }
  const profile = changesProfile(opts.run) ? withOverrides(inputs.profile ?? (await currentProfile(page)), opts.run.overrides) : undefined;
  return { profile, lines };
}
