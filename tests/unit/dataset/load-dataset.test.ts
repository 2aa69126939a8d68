import { readFileSync } from 'node:fs';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { bytesEntry } from '../../../src/core/dataset/entry';
import { loadDataset } from '../../../src/core/dataset/load-dataset';
import { sampleStem } from '../../../src/core/dataset/sample';
import { jpeg, png } from '../../fixtures/dataset/synthetic-images';
import { entries, utf8 } from './entries';

const quad = (x: number, y: number) => [[x, y], [x + 20, y], [x + 20, y + 10], [x, y + 10]];
const receipt = (images: Record<string, number[][][]>, dontCare: number[][][] = []) =>
  JSON.stringify({
    images: Object.fromEntries(
      Object.entries(images).map(([name, polys]) => [
        name,
        { words: Object.fromEntries([...polys.map((p, i) => [`w${i}`, { points: p }]), ...dontCare.map((p, i) => [`d${i}`, { points: p, transcription: '###' }])]) },
      ]),
    ),
  });

const kinds = (issues: { kind: string }[]) => issues.map((i) => i.kind);

describe('loadDataset', () => {
  it('indexes a receipt JSON with its images folder, sizes from headers, EXIF orientation applied', async () => {
    const files = entries({
      'jsons/train.json': receipt({ 'a.jpg': [quad(0, 0), quad(30, 0)], 'b.png': [quad(5, 5)] }, [quad(0, 40)]),
      'images/a.jpg': jpeg(300, 100, 6),
      'images/b.png': png(64, 48),
    });
    const dataset = await loadDataset(files);
    expect(dataset.issues).toEqual([]);
    expect(dataset.format).toBe('receipt-json');
    expect(dataset.samples.map((s) => [s.name, s.image?.path, s.width, s.height, s.orientation, s.gt.length])).toEqual([
      ['a.jpg', 'images/a.jpg', 100, 300, 6, 3],
      ['b.png', 'images/b.png', 64, 48, 1, 2],
    ]);
    expect(dataset.summary).toEqual({ format: 'receipt-json', images: 2, polygons: 5, dontCares: 2, skipped: 0, skippedPolygons: 0, errors: 0, warnings: 0, warningsByKind: {} });
    const progress: number[][] = [];
    const unturned = await loadDataset(files, { applyExifOrientation: false, onProgress: (done, total) => progress.push([done, total]) });
    expect(progress).toEqual([[1, 2], [2, 2]]);
    expect([unturned.samples[0].width, unturned.samples[0].height]).toEqual([300, 100]);
  });

  it('reads a receipt JSON saved with a BOM and reports a broken one by line', async () => {
    const json = utf8('\ufeff' + receipt({ 'a.png': [quad(0, 0)] }));
    const dataset = await loadDataset([...entries({ 'a.png': png(40, 40), 'bad.json': '{"images": {\n"b.png": [}' }), bytesEntry('good.json', json)]);
    expect(dataset.samples.map((s) => [s.name, s.gt.length])).toEqual([['a.png', 1]]);
    expect(dataset.issues.map((i) => [i.kind, i.file, i.line])).toEqual([['invalid-json', 'bad.json', 2]]);
  });

  it('reads the same dataset from a zip with nested folders, ignoring archiver litter', async () => {
    const a = jpeg(300, 100);
    const zip = zipSync({
      'set/jsons/train.json': utf8(receipt({ 'a.jpg': [quad(0, 0)], 'b.png': [quad(5, 5)] })),
      'set/images/train/a.jpg': a,
      'set/images/train/b.png': png(64, 48),
      '__MACOSX/set/images/train/._a.jpg': utf8('resource fork'),
      'set/.DS_Store': utf8('x'),
    });
    const dataset = await loadDataset([bytesEntry('drop/data.zip', zip)]);
    expect(dataset.issues).toEqual([]);
    expect(dataset.samples.map((s) => [s.image?.path, s.width, s.gt.length])).toEqual([
      ['drop/data.zip/set/images/train/a.jpg', 300, 1],
      ['drop/data.zip/set/images/train/b.png', 64, 1],
    ]);
    expect(await dataset.samples[0].image!.read()).toEqual(a);
    expect(dataset.samples[0].image!.size).toBe(a.length);
  });

  it('reports a zip that cannot be opened and loads the other files', async () => {
    const dataset = await loadDataset(entries({ 'broken.zip': 'PK not really', 'a.png': png(8, 8) }));
    expect(kinds(dataset.issues)).toEqual(['unreadable-archive', 'no-annotations']);
    expect(dataset.samples).toHaveLength(1);
  });

  it('lists ICDAR images in natural order, by the same names with or without the images', async () => {
    const gt = (n: number) => [`gt_img_${n}.txt`, `1,1,21,1,21,11,1,11,W${n}\n`];
    const files = Object.fromEntries([10, 2, 1].map(gt));
    const withImages = await loadDataset(entries({ ...files, 'img_10.jpg': jpeg(40, 20), 'img_2.jpg': jpeg(40, 20), 'img_1.jpg': jpeg(40, 20) }));
    const gtOnly = await loadDataset(entries(files), { readImageHeaders: false });
    expect(withImages.samples.map((x) => x.name)).toEqual(['img_1', 'img_2', 'img_10']);
    expect(gtOnly.samples.map((x) => x.name)).toEqual(['img_1', 'img_2', 'img_10']);
  });

  it('joins ICDAR ground truth to images by stem and reports missing and unannotated images', async () => {
    const dataset = await loadDataset(
      entries({
        'Challenge4_Test_Task1_GT/gt_img_1.txt': '1,1,21,1,21,11,1,11,ONE\n5,5,25,5,25,15,5,15,###\n',
        'Challenge4_Test_Task1_GT/gt_img_2.txt': '1,1,21,1,21,11,1,11,TWO\n',
        'Challenge4_Test_Task1_GT/gt_scan.v2.txt': '',
        'ch4_test_images/img_1.jpg': jpeg(100, 50),
        'ch4_test_images/img_3.png': png(30, 30),
      }),
    );
    expect(dataset.format).toBe('icdar2015');
    expect(dataset.samples.map((s) => [s.name, s.stem, s.image?.path, s.gt.map((r) => r.text)])).toEqual([
      ['img_1', 'img_1', 'ch4_test_images/img_1.jpg', ['ONE', '###']],
      ['img_2', 'img_2', undefined, ['TWO']],
      ['img_3', 'img_3', 'ch4_test_images/img_3.png', []],
      ['scan.v2', 'scan.v2', undefined, []],
    ]);
    expect(dataset.issues.map((i) => [i.kind, i.file, i.action])).toEqual([
      ['missing-image', 'Challenge4_Test_Task1_GT/gt_img_2.txt', 'kept'],
      ['missing-image', 'Challenge4_Test_Task1_GT/gt_scan.v2.txt', 'kept'],
      ['image-without-annotations', 'ch4_test_images/img_3.png', 'kept'],
    ]);
    expect(dataset.summary).toMatchObject({ images: 2, polygons: 3, dontCares: 1, warnings: 3, warningsByKind: { 'missing-image': 2, 'image-without-annotations': 1 } });
  });

  it('resolves an image name found in two folders to the copy beside the annotations', async () => {
    const dataset = await loadDataset(
      entries({
        'val/val.json': receipt({ 'x.jpg': [quad(0, 0)] }),
        'train/x.jpg': jpeg(10, 10),
        'val/x.jpg': jpeg(50, 50),
        'other/y.jpg': jpeg(50, 50),
        'more/y.jpg': jpeg(50, 50),
      }),
    );
    expect(dataset.samples.map((s) => [s.name, s.image?.path])).toEqual([
      ['x.jpg', 'val/x.jpg'],
      ['y.jpg', 'other/y.jpg'],
    ]);
    expect(dataset.issues.map((i) => [i.kind, i.file])).toEqual([
      ['duplicate-image', 'val/x.jpg'],
      ['image-without-annotations', 'other/y.jpg'],
      ['duplicate-image', 'other/y.jpg'],
    ]);
    expect(dataset.issues[0].message).toContain('train/x.jpg');
  });

  it('skips a second annotation of the same image', async () => {
    const dataset = await loadDataset(entries({ 'a.json': receipt({ 'x.jpg': [quad(0, 0)] }), 'b.json': receipt({ 'x.jpg': [quad(0, 0), quad(0, 20)] }), 'x.jpg': jpeg(50, 50) }));
    expect(dataset.samples.map((s) => s.gt.length)).toEqual([1]);
    expect(dataset.issues).toEqual([expect.objectContaining({ kind: 'duplicate-annotation', file: 'b.json', path: 'x.jpg', action: 'skipped' })]);
    expect(dataset.summary.skipped).toBe(1);
  });

  it('skips polygons entirely outside the image and keeps those partly inside', async () => {
    const dataset = await loadDataset(entries({ 'gt.json': receipt({ 'x.png': [quad(90, 90), quad(200, 0), quad(-30, 5)] }), 'x.png': png(100, 100) }));
    expect(dataset.samples[0].gt.map((r) => r.points[0])).toEqual([[90, 90]]);
    expect(dataset.issues.map((i) => [i.kind, i.path, i.action])).toEqual([
      ['polygon-outside-image', 'gt[1]', 'skipped'],
      ['polygon-outside-image', 'gt[2]', 'skipped'],
    ]);
    expect(dataset.summary).toMatchObject({ polygons: 1, skippedPolygons: 2 });
  });

  it('skips an undecodable or truncated image and lists it', async () => {
    const dataset = await loadDataset(entries({ 'gt.json': receipt({ 'x.png': [quad(0, 0)], 'y.jpg': [quad(0, 0)], 'z.jpg': [quad(0, 0)] }), 'x.png': png(100, 100), 'y.jpg': jpeg(40, 40).subarray(0, 26), 'z.jpg': '<html>' }));
    expect(dataset.samples.map((s) => s.name)).toEqual(['x.png']);
    expect(dataset.issues.map((i) => [i.kind, i.file, i.severity])).toEqual([
      ['truncated-image', 'y.jpg', 'error'],
      ['undecodable-image', 'z.jpg', 'error'],
    ]);
    expect(dataset.summary).toMatchObject({ images: 1, skipped: 2, errors: 2 });
  });

  it('reports unsupported files and keeps going', async () => {
    const dataset = await loadDataset(entries({ 'notes.md': '# hi', 'model.onnx': 'x', 'x.png': png(10, 10) }));
    expect(dataset.issues.map((i) => [i.kind, i.file])).toEqual([
      ['unsupported-file', 'notes.md'],
      ['unsupported-file', 'model.onnx'],
      ['no-annotations', ''],
    ]);
    expect(dataset.format).toBe('images-only');
    expect(dataset.samples).toHaveLength(1);
  });

  it('reports an empty dataset', async () => {
    for (const files of [[], entries({ 'readme.txt': 'x' }), entries({ 'gt.json': '{"images": {}}' })]) {
      const dataset = await loadDataset(files);
      expect(dataset.samples).toEqual([]);
      expect(dataset.issues.at(-1)).toMatchObject({ kind: 'empty-dataset', severity: 'error' });
      expect(dataset.summary.errors).toBeGreaterThan(0);
    }
  });

  it('detects the format, says so when both kinds are present, and lets the user choose', async () => {
    const files = entries({ 'gt.json': receipt({ 'img_1.png': [quad(0, 0)] }), 'gt_img_1.txt': '0,0,20,0,20,10,0,10,A\n0,0,9,0,9,9,0,9,B\n', 'img_1.png': png(50, 50) });
    const auto = await loadDataset(files);
    expect([auto.format, auto.samples[0].gt.length]).toEqual(['receipt-json', 1]);
    expect(auto.issues).toEqual([expect.objectContaining({ kind: 'ambiguous-format', file: 'gt_img_1.txt', severity: 'warning' })]);
    const forced = await loadDataset(files, { format: 'icdar2015' });
    expect([forced.format, forced.samples[0].name, forced.samples[0].gt.map((r) => r.text)]).toEqual(['icdar2015', 'img_1', ['A', 'B']]);
    expect(forced.issues.map((i) => [i.kind, i.file])).toEqual([['ambiguous-format', 'gt.json']]);
  });

  it('reads predictions dropped with the dataset, keyed by image stem', async () => {
    const dataset = await loadDataset(entries({ 'gt.json': receipt({ 'img_1.png': [quad(0, 0)] }), 'img_1.png': png(50, 50), 'preds/res_img_1.txt': '0,0,20,0,20,10,0,10,0.9\n' }));
    expect(dataset.predictions.get(sampleStem(dataset.samples[0]))).toEqual([{ points: quad(0, 0), score: 0.9, text: undefined }]);
  });

  it('reads gt_ and res_ lines with the chosen box type and records it; a receipt JSON alone has none', async () => {
    const files = entries({ 'gt_img_1.txt': '0,0,20,10,A\n', 'res_img_1.txt': '0,0,20,10,0.8\n', 'img_1.png': png(50, 50) });
    const ltrb = await loadDataset(files, { boxType: 'ltrb' });
    expect(ltrb.boxType).toBe('ltrb');
    expect(ltrb.samples[0].gt.map((r) => [r.points, r.text])).toEqual([[quad(0, 0), 'A']]);
    expect(ltrb.predictions.get('img_1')).toEqual([{ points: quad(0, 0), score: 0.8, text: undefined }]);
    const byDefault = await loadDataset(files);
    expect(byDefault.boxType).toBe('quad');
    expect(byDefault.samples[0].gt).toEqual([]);
    expect(kinds(byDefault.issues)).toEqual(['too-few-points', 'too-few-points']);
    const receiptOnly = await loadDataset(entries({ 'gt.json': receipt({ 'img_1.png': [quad(0, 0)] }), 'img_1.png': png(50, 50) }));
    expect(receiptOnly.boxType).toBeUndefined();
  });

  it('lists a prediction file that names no image as skipped, and scores the others', async () => {
    const dataset = await loadDataset(entries({ 'gt.json': receipt({ 'img_1.png': [quad(0, 0)] }), 'img_1.png': png(50, 50), 'res_img_1.txt': '0,0,20,0,20,10,0,10\n', 'res_img_9.txt': '0,0,20,0,20,10,0,10\n' }));
    expect(dataset.issues.map((i) => [i.kind, i.file, i.action])).toEqual([['unmatched-prediction', 'res_img_9.txt', 'skipped']]);
    expect(dataset.issues[0].message).toContain('"img_9"');
    expect(dataset.predictions.has('img_1')).toBe(true);
  });

  it('keys samples built elsewhere by their image name without extension', () => {
    expect(sampleStem({ name: 'scan.v2.jpg', gt: [] })).toBe('scan.v2');
    expect(sampleStem({ name: 'scan.v2', stem: 'scan.v2', gt: [] })).toBe('scan.v2');
  });

  it('loads the reference receipt GT with its prediction zip and no images', async () => {
    const dir = 'tests/fixtures/reference/cleval-seed';
    const json = readFileSync(`${dir}/gt_receipt.json`);
    const words = Object.values(JSON.parse(json.toString()).images as Record<string, { words: object }>).map((i) => Object.keys(i.words).length);
    const dataset = await loadDataset([bytesEntry('gt_receipt.json', json), bytesEntry('res_receipt.zip', readFileSync(`${dir}/res_receipt.zip`))]);
    expect(dataset.samples.map((s) => s.gt.length)).toEqual(words);
    expect(dataset.summary.polygons).toBe(words.reduce((a, b) => a + b));
    expect(kinds(dataset.issues)).toEqual(['missing-image']);
    expect(dataset.samples.every((s) => dataset.predictions.get(sampleStem(s))!.length > 0)).toBe(true);
  });
});
