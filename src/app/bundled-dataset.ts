import { bytesEntry, type DatasetEntry } from '../core/dataset/entry';

export const BUNDLED_DATASET = { name: 'receipts (bundled synthetic sample)', base: '/samples/receipts/' };

const fetchBytes = async (url: string) => new Uint8Array(await (await fetch(url)).arrayBuffer());

/** The bundled sample (2.4 MB) as dataset entries, fetched whole like a dropped zip. */
export async function bundledEntries(): Promise<DatasetEntry[]> {
  const json = await fetchBytes(`${BUNDLED_DATASET.base}receipts.json`);
  const names = Object.keys(JSON.parse(new TextDecoder().decode(json)).images as object);
  const images = await Promise.all(names.map(async (name) => bytesEntry(`receipts/${name}`, await fetchBytes(BUNDLED_DATASET.base + name))));
  return [bytesEntry('receipts/receipts.json', json), ...images];
}
