/**
 * Writes tiny ONNX models (protobuf ModelProto) for tests: a few nodes between named inputs
 * and outputs with chosen types, fixed or symbolic shapes, and metadata properties. Enough
 * to make models that onnxruntime loads and that are wrong for detscope in specific ways.
 */

export type BuilderDim = number | string | null;

export interface BuilderTensor {
  name: string;
  /** ONNX TensorProto.DataType code: 1 float32, 7 int64, 10 float16. */
  elemType?: number;
  /** Omitted: no shape in the file. */
  dims?: BuilderDim[];
}

export interface BuilderNode {
  op: string;
  inputs: string[];
  outputs: string[];
  /** Integer and integer-list attributes (axes, keepdims, ...). */
  attrs?: Record<string, number | number[]>;
}

export interface BuilderModel {
  inputs: BuilderTensor[];
  outputs: BuilderTensor[];
  nodes: BuilderNode[];
  /** Float32 constants (weights), stored as raw data. */
  initializers?: { name: string; dims: number[]; values: number[] }[];
  metadata?: Record<string, string>;
  opset?: number;
  producer?: string;
  /** Pre-IR-4 exports also list initializers among the graph inputs. */
  initializersAsInputs?: boolean;
}

const utf8 = new TextEncoder();

/** Protobuf wire format, writing only the field kinds ModelProto needs. */
class Writer {
  private parts: number[] = [];

  varint(field: number, v: number): this {
    return this.key(field, 0).raw(v);
  }

  bytes(field: number, b: Uint8Array): this {
    this.key(field, 2).raw(b.length);
    for (const x of b) this.parts.push(x);
    return this;
  }

  string(field: number, s: string): this {
    return this.bytes(field, utf8.encode(s));
  }

  message(field: number, w: Writer): this {
    return this.bytes(field, w.finish());
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.parts);
  }

  private key(field: number, wire: number): this {
    return this.raw(field * 8 + wire);
  }

  /** Negative values are written as 64-bit two's complement, as int64 fields require. */
  private raw(v: number): this {
    let n = v < 0 ? BigInt(v) + (1n << 64n) : BigInt(v);
    do {
      const b = Number(n & 0x7fn);
      n >>= 7n;
      this.parts.push(n > 0n ? b | 0x80 : b);
    } while (n > 0n);
    return this;
  }
}

function valueInfo(t: BuilderTensor): Writer {
  const tensor = new Writer().varint(1, t.elemType ?? 1);
  if (t.dims) {
    const shape = new Writer();
    for (const d of t.dims) {
      const dim = new Writer();
      if (typeof d === 'number') dim.varint(1, d);
      else if (typeof d === 'string') dim.string(2, d);
      shape.message(1, dim);
    }
    tensor.message(2, shape);
  }
  return new Writer().string(1, t.name).message(2, new Writer().message(1, tensor));
}

function attribute(name: string, v: number | number[]): Writer {
  const w = new Writer().string(1, name);
  if (Array.isArray(v)) {
    for (const x of v) w.varint(8, x);
    return w.varint(20, 7); // AttributeType INTS
  }
  return w.varint(3, v).varint(20, 2); // AttributeType INT
}

function node(n: BuilderNode, index: number): Writer {
  const w = new Writer();
  for (const i of n.inputs) w.string(1, i);
  for (const o of n.outputs) w.string(2, o);
  w.string(3, `${n.op.toLowerCase()}_${index}`).string(4, n.op);
  for (const [k, v] of Object.entries(n.attrs ?? {})) w.message(5, attribute(k, v));
  return w;
}

/** Where initializers' data goes when it is kept outside the model, and what is there so far. */
interface ExternalSink {
  location: string;
  parts: Uint8Array[];
  length: number;
}

/**
 * An initializer with its data inline (raw_data), or, given a sink, in the external file:
 * TensorProto external_data entries location / offset / length, and data_location EXTERNAL.
 */
function initializer(t: { name: string; dims: number[]; values: number[] }, sink: ExternalSink | null): Writer {
  const w = new Writer();
  for (const d of t.dims) w.varint(1, d);
  w.varint(2, 1).string(8, t.name);
  const raw = new Uint8Array(Float32Array.from(t.values).buffer);
  if (!sink) return w.bytes(9, raw);
  const entry = (k: string, v: string) => new Writer().string(1, k).string(2, v);
  w.message(13, entry('location', sink.location)).message(13, entry('offset', String(sink.length))).message(13, entry('length', String(raw.length)));
  sink.parts.push(raw);
  sink.length += raw.length;
  return w.varint(14, 1);
}

/** The model's bytes, ready for onnxruntime or a file drop. */
export function buildOnnxModel(m: BuilderModel): Uint8Array {
  return encode(m, null);
}

/** The model with every initializer's data in a separate file named `location`, as large models ship. */
export function buildOnnxModelWithExternalData(m: BuilderModel, location: string): { model: Uint8Array; data: Uint8Array } {
  const sink: ExternalSink = { location, parts: [], length: 0 };
  const model = encode(m, sink);
  const data = new Uint8Array(sink.length);
  let at = 0;
  for (const p of sink.parts) {
    data.set(p, at);
    at += p.length;
  }
  return { model, data };
}

function encode(m: BuilderModel, sink: ExternalSink | null): Uint8Array {
  const graph = new Writer();
  m.nodes.forEach((n, i) => graph.message(1, node(n, i)));
  graph.string(2, 'detscope-test');
  for (const t of m.initializers ?? []) graph.message(5, initializer(t, sink));
  const weightsAsInputs = m.initializersAsInputs ? (m.initializers ?? []).map((t) => ({ name: t.name, dims: t.dims })) : [];
  for (const t of [...m.inputs, ...weightsAsInputs]) graph.message(11, valueInfo(t));
  for (const t of m.outputs) graph.message(12, valueInfo(t));

  const model = new Writer()
    .varint(1, 8) // IR version 8: onnxruntime 1.14 and later
    .string(2, m.producer ?? 'detscope onnx-builder')
    .message(7, graph)
    .message(8, new Writer().string(1, '').varint(2, m.opset ?? 17));
  for (const [k, v] of Object.entries(m.metadata ?? {})) model.message(14, new Writer().string(1, k).string(2, v));
  return model.finish();
}
