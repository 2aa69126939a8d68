import { ModelError } from '../errors';
import type { Dim } from './profiles';

/** A graph input or output as the ONNX file declares it. */
export interface TensorInfo {
  name: string;
  /** onnxruntime's type name ('float32', 'int64', ...), or 'non-tensor' for sequences and maps. */
  elemType: string;
  /** Fixed sizes are numbers, symbolic ones their name, unnamed dynamic ones null; null when the file gives no shape. */
  dims: Dim[] | null;
}

export interface OnnxMetadata {
  irVersion?: number;
  producer?: string;
  producerVersion?: string;
  /** Version of the default ('' or 'ai.onnx') operator set. */
  opset?: number;
  /** ModelProto.metadata_props. */
  metadata: Record<string, string>;
  /** Inputs the caller must feed: graph inputs that are not initializers (older exports list weights as inputs). */
  inputs: TensorInfo[];
  outputs: TensorInfo[];
  /** Files the weights live in (initializers' external_data `location`), as the model names them. */
  externalFiles: string[];
}

// TensorProto.DataType codes, named as onnxruntime names them.
const ELEM_TYPES: Record<number, string> = {
  1: 'float32', 2: 'uint8', 3: 'int8', 4: 'uint16', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string',
  9: 'bool', 10: 'float16', 11: 'float64', 12: 'uint32', 13: 'uint64', 16: 'bfloat16',
};

const utf8 = new TextDecoder();

/** A protobuf wire-format cursor over one message: just what ModelProto's header fields need. */
class Fields {
  private pos: number;

  constructor(
    private readonly buf: Uint8Array,
    start = 0,
    private readonly end = buf.length,
  ) {
    this.pos = start;
  }

  /** Calls `on` for each field; length-delimited ones it does not read are skipped without a look inside. */
  each(on: (field: number) => void): void {
    while (this.pos < this.end) {
      const key = this.varint();
      const before = this.pos;
      on(Math.floor(key / 8));
      if (this.pos === before) this.skip(key % 8);
    }
    if (this.pos !== this.end) throw new RangeError('field runs past the end of its message');
  }

  varint(): number {
    let value = 0;
    // int64 fields hold negative values (such as -1 for an unknown size) as 64-bit two's
    // complement, ten bytes with bit 63 set; summing the inverted bits keeps them exact.
    let inverted = 0;
    let shift = 1;
    for (let n = 1; ; n++, shift *= 128) {
      if (this.pos >= this.end) throw new RangeError('truncated varint');
      const b = this.buf[this.pos++];
      if (b < 0x80) {
        if (n === 10 && b & 1) return -(inverted + 1);
        return value + b * shift;
      }
      if (n === 10) throw new RangeError('varint too long');
      value += (b & 0x7f) * shift;
      inverted += (~b & 0x7f) * shift;
    }
  }

  /** The next length-delimited field as a sub-message. */
  message(): Fields {
    const len = this.varint();
    const start = this.pos;
    this.pos += len;
    if (this.pos > this.end) throw new RangeError('message runs past the end of the file');
    return new Fields(this.buf, start, this.pos);
  }

  string(): string {
    const m = this.message();
    return utf8.decode(this.buf.subarray(m.pos, m.end));
  }

  private skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.message();
    else if (wire === 5) this.pos += 4;
    else throw new RangeError(`unsupported wire type ${wire}`);
  }
}

function pair(m: Fields): [string, string] {
  let key = '';
  let value = '';
  m.each((f) => {
    if (f === 1) key = m.string();
    else if (f === 2) value = m.string();
  });
  return [key, value];
}

function opsetOf(m: Fields): { domain: string; version: number } {
  let domain = '';
  let version = 0;
  m.each((f) => {
    if (f === 1) domain = m.string();
    else if (f === 2) version = m.varint();
  });
  return { domain, version };
}

function dimOf(m: Fields): Dim {
  let dim: Dim = null;
  m.each((f) => {
    if (f === 1) dim = m.varint();
    else if (f === 2) dim = m.string() || null;
  });
  return typeof dim === 'number' && dim < 0 ? null : dim;
}

function tensorTypeOf(m: Fields, info: TensorInfo): void {
  m.each((f) => {
    if (f === 1) info.elemType = ELEM_TYPES[m.varint()] ?? 'unknown';
    else if (f === 2) {
      const shape = m.message();
      const dims: Dim[] = [];
      shape.each((g) => g === 1 && dims.push(dimOf(shape.message())));
      info.dims = dims;
    }
  });
}

function valueInfoOf(m: Fields): TensorInfo {
  const info: TensorInfo = { name: '', elemType: 'unknown', dims: null };
  m.each((f) => {
    if (f === 1) info.name = m.string();
    else if (f === 2) {
      const type = m.message();
      type.each((g) => {
        if (g === 1) tensorTypeOf(type.message(), info);
        else if (g === 4 || g === 5 || g === 8 || g === 9) info.elemType = 'non-tensor';
      });
    }
  });
  return info;
}

/** The initializer's name (TensorProto field 8) and external file, if any (field 13); its data is skipped in one step. */
function initializerOf(m: Fields): { name: string; location: string | null } {
  let name = '';
  let location: string | null = null;
  m.each((f) => {
    if (f === 8) name = m.string();
    else if (f === 13) {
      const [k, v] = pair(m.message());
      if (k === 'location') location = v;
    }
  });
  return { name, location };
}

/**
 * Reads what a model says about itself (producer, opset, metadata properties, inputs and
 * outputs with their types and shapes) straight from the ModelProto bytes, before
 * onnxruntime sees them: weights are skipped, so a 5 MB model reads in about a millisecond.
 */
export function readOnnxMetadata(bytes: Uint8Array, fileName?: string): OnnxMetadata {
  const meta: OnnxMetadata = { metadata: {}, inputs: [], outputs: [], externalFiles: [] };
  const initializers = new Set<string>();
  const externalFiles = new Set<string>();
  try {
    const model = new Fields(bytes);
    model.each((f) => {
      if (f === 1) meta.irVersion = model.varint();
      else if (f === 2) meta.producer = model.string();
      else if (f === 3) meta.producerVersion = model.string();
      else if (f === 8) {
        const op = opsetOf(model.message());
        if (op.domain === '' || op.domain === 'ai.onnx') meta.opset = op.version;
      } else if (f === 14) {
        const [k, v] = pair(model.message());
        meta.metadata[k] = v;
      } else if (f === 7) {
        const graph = model.message();
        graph.each((g) => {
          if (g === 5) {
            const init = initializerOf(graph.message());
            initializers.add(init.name);
            if (init.location !== null) externalFiles.add(init.location);
          }
          else if (g === 11) meta.inputs.push(valueInfoOf(graph.message()));
          else if (g === 12) meta.outputs.push(valueInfoOf(graph.message()));
        });
      }
    });
  } catch (e) {
    throw new ModelError(
      `${fileName ? `"${fileName}"` : 'The model'} is not a readable ONNX file (${(e as Error).message})`,
      'The file may be truncated or corrupted; download or export it again (see docs/export-onnx.md).',
      fileName ? { file: fileName } : {},
    );
  }
  meta.inputs = meta.inputs.filter((i) => !initializers.has(i.name));
  meta.externalFiles = [...externalFiles];
  return meta;
}
