import { ModelError, type ErrorLocation } from '../errors';
import type { OnnxMetadata, TensorInfo } from './onnx-metadata';
import { pickProfile, type Dim, type ModelProfile, type ProfileChoice, type ResizeRule } from './profiles';
import type { ModelIo } from './session';
import { checkedStride } from './map-scale';
import { bucketSide } from './shape-buckets';

const EXPORT_DOC = 'docs/export-onnx.md';

type Signature = Pick<OnnxMetadata, 'inputs' | 'outputs'>;

/** A session's `io` in the metadata's terms; it has no element types. */
function signatureOf(model: Signature | ModelIo): Signature {
  if ('inputs' in model) return model;
  const infos = (names: string[], shapes: Dim[][]) => names.map((name, i) => ({ name, elemType: 'unknown', dims: shapes[i] ?? null }));
  return { inputs: infos(model.inputNames, model.inputShapes), outputs: infos(model.outputNames, model.outputShapes) };
}

const fixed = (d: Dim | undefined): d is number => typeof d === 'number' && d > 0;
const floatOrUnknown = (t: TensorInfo) => t.elemType === 'float32' || t.elemType === 'unknown';
const shapeText = (t: TensorInfo) => (t.dims ? `[${t.dims.map((d) => (fixed(d) ? d : '?')).join(',')}]` : '[shape not declared]');
const describe = (ts: TensorInfo[]) => ts.map((t) => `"${t.name}" ${shapeText(t)} ${t.elemType}`).join('; ') || 'none';

/** [N,1,H,W] float32, or a shape the file leaves open. */
function isProbMap(t: TensorInfo): boolean {
  if (!floatOrUnknown(t)) return false;
  return t.dims === null || (t.dims.length === 4 && !(fixed(t.dims[1]) && t.dims[1] !== 1));
}

function resolve(ts: TensorInfo[], ref: string | number): TensorInfo | undefined {
  return typeof ref === 'number' ? ts[ref] : ts.find((t) => t.name === ref);
}

function ruleText(rule: ResizeRule): string {
  return rule.kind === 'limit-multiple'
    ? `longer side limited to ${rule.maxSide}, sides rounded to multiples of ${rule.multiple}`
    : `longest side to ${rule.side}, zero-padded to ${rule.side}x${rule.side}`;
}

function checkInput(s: Signature, profile: ModelProfile, where: ErrorLocation): void {
  const fail = (message: string, hint: string) => new ModelError(message, hint, where);
  const all = describe(s.inputs);
  const input = profile.inputName === undefined ? s.inputs[0] : resolve(s.inputs, profile.inputName);
  if (!input) {
    throw profile.inputName === undefined
      ? fail('The model declares no inputs', `Export the model with an image input [1,3,H,W] (see ${EXPORT_DOC}).`)
      : fail(`The profile's input "${profile.inputName}" is not in the model (inputs: ${all})`, 'Set the input name in the model profile to one of the model\'s inputs.');
  }
  if (s.inputs.length > 1) {
    throw fail(`The model has ${s.inputs.length} inputs (${all}); detscope feeds one image tensor`, `Export the model with the image as its only input (see ${EXPORT_DOC}).`);
  }
  if (!floatOrUnknown(input) || (input.dims && input.dims.length !== 4)) {
    throw fail(
      `No 4-D float input: "${input.name}" is ${shapeText(input)} ${input.elemType}`,
      `detscope feeds a float32 image tensor [1,3,H,W]; export the model with such an input (see ${EXPORT_DOC}).`,
    );
  }
  const [n, c, h, w] = input.dims ?? [];
  if (fixed(n) && n !== 1) throw fail(`Input "${input.name}" has a fixed batch of ${n}; detscope feeds one image at a time`, 'Export the model with batch 1 or a dynamic batch.');
  if (fixed(c) && c !== 3) throw fail(`Input "${input.name}" takes ${c} channels; detscope feeds 3 (RGB or BGR)`, 'Use a model with a 3-channel image input.');
  checkFixedSize(input, h, w, profile, fail);
}

/** A fixed height or width is only met by padding every image to a square of that side. */
function checkFixedSize(input: TensorInfo, h: Dim | undefined, w: Dim | undefined, profile: ModelProfile, fail: (m: string, h: string) => ModelError): void {
  const rule = profile.resize;
  if (!fixed(h) && !fixed(w)) return;
  const size = `${fixed(h) ? h : '?'}x${fixed(w) ? w : '?'}`;
  if (fixed(h) && fixed(w) && h !== w) {
    throw fail(`Input "${input.name}" has a fixed size ${size} that is not square: no resize rule gives it`, 'Export the model with dynamic height and width, or a square input.');
  }
  const side = fixed(h) ? h : (w as number);
  if (rule.kind === 'pad-square' && rule.side === side) {
    const padded = profile.buckets ? bucketSide(side, profile.buckets) : side;
    if (padded === side) return;
    throw fail(
      `Input "${input.name}" has a fixed size ${size}, but the profile's shape buckets pad it to ${padded}x${padded}`,
      'Turn shape buckets off in the model profile: a fixed-size model already runs on one shape.',
    );
  }
  throw fail(
    `Input "${input.name}" has a fixed size ${size}, which the profile's resize (${ruleText(rule)}) cannot produce for every image`,
    `Use the pad-square resize with side ${side} (longest side to ${side}, then zero-padded to ${side}x${side}), or export the model with dynamic height and width.`,
  );
}

function checkOutputs(s: Signature, profile: ModelProfile, where: ErrorLocation): void {
  const fail = (message: string, hint: string) => new ModelError(message, hint, where);
  const all = describe(s.outputs);
  const { prob, ...extra } = profile.outputs;
  for (const [role, ref] of Object.entries({ probability: prob, ...extra })) {
    if (ref !== undefined && !resolve(s.outputs, ref)) {
      throw fail(`The profile's ${role} output ${JSON.stringify(ref)} is not in the model (outputs: ${all})`, 'Choose one of the model\'s outputs in the model profile.');
    }
  }
  const chosen = resolve(s.outputs, prob)!;
  if (isProbMap(chosen)) {
    checkMapScale(s, profile, chosen, where);
    return;
  }
  const other = s.outputs.find(isProbMap);
  if (other) {
    throw fail(`Output "${chosen.name}" ${shapeText(chosen)} is not a probability map [N,1,H,W]`, `Set the probability output to "${other.name}" in the model profile.`);
  }
  throw fail(
    `No output shaped like a probability map [N,1,H,W] (outputs: ${all})`,
    'detscope evaluates DBNet-style detectors; export the model with its probability map as an output.',
  );
}

/** When the file fixes both sizes, a map that no stride places on the input is refused at once rather than on every image. */
function checkMapScale(s: Signature, profile: ModelProfile, map: TensorInfo, where: ErrorLocation): void {
  const input = profile.inputName === undefined ? s.inputs[0] : resolve(s.inputs, profile.inputName);
  const [ih, iw] = input?.dims?.slice(2) ?? [];
  const [mh, mw] = map.dims?.slice(2) ?? [];
  if (!fixed(ih) || !fixed(iw) || !fixed(mh) || !fixed(mw)) return;
  checkedStride({ width: iw, height: ih }, { width: mw, height: mh }, map.name, where);
}

/**
 * Checks, before any session exists, that detscope can feed the model with this profile and
 * read a probability map from it; throws a ModelError that names the input or output at fault.
 * Takes the file's metadata (types and shapes) or a session's io (shapes only).
 */
export function checkModelIo(model: Signature | ModelIo, profile: ModelProfile, fileName?: string): void {
  const s = signatureOf(model);
  const where = fileName ? { file: fileName } : {};
  checkInput(s, profile, where);
  checkOutputs(s, profile, where);
}

/**
 * The preset `pickProfile` chooses from the inputs and metadata, reading the probability map
 * from the first output shaped like one, and threshold / binary maps from outputs so named.
 */
export function suggestProfile(meta: OnnxMetadata): ProfileChoice {
  const choice = pickProfile(meta.inputs.map((t) => t.name), meta.inputs.map((t) => t.dims ?? []), meta.metadata);
  const outputs = { ...choice.profile.outputs };
  const reasons = [choice.reason];
  const current = resolve(meta.outputs, outputs.prob);
  const prob = current && isProbMap(current) ? current : meta.outputs.find(isProbMap);
  if (prob && prob !== current) {
    outputs.prob = prob.name;
    reasons.push(`probability map read from output "${prob.name}"`);
  }
  const rest = meta.outputs.filter((t) => t !== prob && isProbMap(t));
  const threshMap = rest.find((t) => /thresh/i.test(t.name));
  const binaryMap = rest.find((t) => /binar/i.test(t.name));
  if (threshMap) outputs.thresh = threshMap.name;
  if (binaryMap) outputs.binary = binaryMap.name;
  return { profile: { ...choice.profile, outputs }, reason: reasons.join('; ') };
}
