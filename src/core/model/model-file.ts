import { ModelError } from '../errors';

const EXPORT_DOC = 'docs/export-onnx.md';
const PYTORCH = /\.(ckpt|pt|pth|bin|safetensors)$/i;

/**
 * Rejects files that cannot be an ONNX model before onnxruntime sees them, with a message
 * that says what the file is and what to do. An ONNX file is a protobuf ModelProto whose first
 * field is ir_version (field 1, varint), so it starts with byte 0x08.
 */
export function checkModelFile(name: string, bytes: Uint8Array): void {
  if (PYTORCH.test(name)) {
    throw new ModelError(
      `"${name}" is a PyTorch checkpoint, which cannot run in a browser`,
      `Export it to ONNX first with torch.onnx.export (see ${EXPORT_DOC}), then drop the .onnx file.`,
      { file: name },
    );
  }
  if (!/\.onnx$/i.test(name)) {
    throw new ModelError(`"${name}" is not an ONNX model (expected a .onnx file)`, `Drop a text-detection model exported to ONNX; see ${EXPORT_DOC}.`, { file: name });
  }
  if (bytes.length < 16 || bytes[0] !== 0x08) {
    throw new ModelError(
      `"${name}" does not look like an ONNX model: it does not start with an ONNX header`,
      `The file may be truncated or be another format renamed to .onnx; re-export it (see ${EXPORT_DOC}).`,
      { file: name },
    );
  }
}
