import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseProfileJson, profileToJson } from '../../src/core/model/profile-file';
import type { ModelProfile } from '../../src/core/model/profiles';
import { openApp, waitReady } from './app-page';

/** The profile editor's Export and Import: the file the CLI's --profile reads. */
describe('profile files in the profile editor', () => {
  let app: Awaited<ReturnType<typeof openApp>>;
  const tmp = mkdtempSync(join(tmpdir(), 'detscope-profile-ui-'));
  const pageProfile = () => app.page.evaluate(() => JSON.parse(JSON.stringify(window.detscope.workbench.profile)) as ModelProfile);

  beforeAll(async () => {
    app = await openApp({ query: '?ep=wasm&dataset=none' });
    await waitReady(app.page, false);
    await app.page.getByText('Model profile', { exact: true }).first().click();
  });
  afterAll(() => app?.close());

  test('Export writes the profile in force; Import of an edited file sets it', async () => {
    const [download] = await Promise.all([app.page.waitForEvent('download'), app.page.getByTestId('profile-export').click()]);
    const exported = parseProfileJson(readFileSync((await download.path())!, 'utf8'), 'exported.json');
    expect(exported).toEqual(await pageProfile());
    const file = join(tmp, 'tuned.json');
    writeFileSync(file, profileToJson({ ...exported, id: 'custom', post: { ...exported.post, thresh: 0.42, mode: 'poly' } }));
    await app.page.getByTestId('profile-import-file').setInputFiles(file);
    await app.page.waitForFunction(() => window.detscope.workbench.profile.post.thresh === 0.42);
    expect((await pageProfile()).post).toMatchObject({ thresh: 0.42, mode: 'poly' });
    expect(await app.page.getByTestId('profile-import-error').count()).toBe(0);
  });

  test('a bad file is refused next to the button, naming the file and JSON path; the profile stays', async () => {
    const before = await pageProfile();
    const file = join(tmp, 'bad.json');
    writeFileSync(file, profileToJson({ ...before, std: [0.2, 0, 0.2] }));
    await app.page.getByTestId('profile-import-file').setInputFiles(file);
    await expect.poll(() => app.page.getByTestId('profile-import-error').textContent()).toContain('bad.json: std[1] must be above 0, not 0.');
    expect(await pageProfile()).toEqual(before);
    expect(app.errors).toEqual([]);
  });
});
