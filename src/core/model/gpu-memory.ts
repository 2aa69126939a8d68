/**
 * Counts the bytes of live GPU buffers on a device, by wrapping its buffer creation and
 * destruction. onnxruntime-web's WebGPU build accepts a device of ours, so this is the only
 * honest way to know its GPU memory: the API offers no query.
 */
export interface GpuMemoryMeter {
  liveBytes(): number;
  peakBytes(): number;
  resetPeak(): void;
}

export function meterDevice(device: GPUDevice): GpuMemoryMeter {
  let live = 0;
  let peak = 0;
  const create = device.createBuffer.bind(device);
  device.createBuffer = (descriptor: GPUBufferDescriptor) => {
    const buffer = create(descriptor);
    const size = descriptor.size;
    live += size;
    peak = Math.max(peak, live);
    const destroy = buffer.destroy.bind(buffer);
    let destroyed = false;
    buffer.destroy = () => {
      if (!destroyed) {
        destroyed = true;
        live -= size;
      }
      destroy();
    };
    return buffer;
  };
  return { liveBytes: () => live, peakBytes: () => peak, resetPeak: () => (peak = live) };
}
