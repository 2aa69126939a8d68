import type { EpRequest } from '../core/model/session';

const EP_REQUESTS: readonly EpRequest[] = ['auto', 'webgpu', 'wasm'];
export const EP_STORAGE_KEY = 'detscope.ep';

const valid = (v: string | null | undefined): v is EpRequest => EP_REQUESTS.includes(v as EpRequest);

/**
 * The execution provider a page starts with: `?ep=` for this page alone (tests, the CLI, a
 * shared link), else the one the user last chose in the setting, else `auto`.
 */
export function initialEp(search: string, storage: Pick<Storage, 'getItem'> | null): EpRequest {
  const fromUrl = new URLSearchParams(search).get('ep');
  if (valid(fromUrl)) return fromUrl;
  const remembered = quietly(() => storage?.getItem(EP_STORAGE_KEY));
  return valid(remembered) ? remembered : 'auto';
}

/** Kept for the next visit; private modes may refuse storage, which only loses the memory. */
export function rememberEp(ep: EpRequest, storage: Pick<Storage, 'setItem'> | null): void {
  quietly(() => storage?.setItem(EP_STORAGE_KEY, ep));
}

function quietly<T>(job: () => T): T | null {
  try {
    return job();
  } catch {
    return null;
  }
}
