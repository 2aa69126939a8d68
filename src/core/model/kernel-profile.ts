/**
 * The per-kernel profile of a run, from onnxruntime's own session profiler. onnxruntime-web
 * 1.30 runs the native WebGPU EP, which ignores `env.webgpu.profiling` (JSEP's); with the
 * session option `enableProfiling`, `endProfiling()` prints the profile (Chrome trace events)
 * to the console, one event a line. On WebGPU, with the device's `timestamp-query` feature,
 * its "Api" events time each GPU program; "Node" events time each node on the host (for a
 * WebGPU node, only the dispatch) and name the EP it ran on.
 */

/** One operator type's share of the profiled time. */
export interface KernelRow {
  op: string;
  /** Kernels (GPU programs, or node runs) of this type over the profiled calls. */
  count: number;
  totalMs: number;
  /** Of the profile's total; the rows' shares sum to one. */
  share: number;
}

/** A node that ran on the CPU in a WebGPU session, and why where onnxruntime says. */
export interface CpuNode {
  node: string;
  op: string;
  reason: string | null;
}

export interface KernelProfile {
  /** 'gpu': GPU timestamps of each program (WebGPU); 'host': each node's time on the CPU (WASM, or WebGPU without timestamps). */
  source: 'gpu' | 'host';
  /** Model calls profiled. */
  calls: number;
  totalMs: number;
  /** By total time, largest first. */
  ops: KernelRow[];
  /** Nodes of a WebGPU session placed on the CPU EP; empty on WASM. */
  cpuNodes: CpuNode[];
}

interface TraceEvent {
  cat: string;
  name: string;
  dur: number;
  args?: { op_name?: string; provider?: string };
}

/**
 * The events of the profile printed by `endProfiling()`: the lines from its opening `[` to its
 * closing `]`, as they came to the console. Null when they are not there (profiling was off).
 */
export function parseTraceLines(lines: readonly string[]): TraceEvent[] | null {
  const start = lines.indexOf('[');
  const end = lines.lastIndexOf(']');
  if (start < 0 || end < start) return null;
  return JSON.parse(lines.slice(start, end + 1).join('\n')) as TraceEvent[];
}

/** "node name&OpType&program": how the WebGPU EP names a program's GPU event. */
const gpuOp = (name: string) => name.split('&')[1] ?? name;
const isCopy = (op: string) => op.startsWith('Memcpy');

/**
 * The table of a profile: per operator type, kernels and time, largest first, with shares that
 * sum to one; the nodes placed on the CPU with the reasons found in onnxruntime's log lines
 * (`webgpu kernel not found in registries for Op type: X node name: Y`).
 */
export function kernelProfile(events: readonly TraceEvent[], ep: 'webgpu' | 'wasm', log: readonly string[] = []): KernelProfile {
  const gpu = events.filter((e) => e.cat === 'Api');
  const nodes = events.filter((e) => e.cat === 'Node');
  const source = ep === 'webgpu' && gpu.length > 0 ? 'gpu' : 'host';
  const timed = source === 'gpu' ? gpu.map((e) => ({ op: gpuOp(e.name), us: e.dur })) : nodes.map((e) => ({ op: e.args?.op_name ?? e.name, us: e.dur }));
  const byOp = new Map<string, { count: number; us: number }>();
  for (const t of timed) {
    const row = byOp.get(t.op) ?? { count: 0, us: 0 };
    row.count++;
    row.us += t.us;
    byOp.set(t.op, row);
  }
  const totalUs = [...byOp.values()].reduce((a, r) => a + r.us, 0);
  const ops = [...byOp.entries()]
    .map(([op, r]) => ({ op, count: r.count, totalMs: r.us / 1000, share: totalUs > 0 ? r.us / totalUs : 1 / byOp.size }))
    .sort((a, b) => b.totalMs - a.totalMs || a.op.localeCompare(b.op));
  return {
    source,
    calls: events.filter((e) => e.cat === 'Session' && e.name === 'model_run').length,
    totalMs: totalUs / 1000,
    ops,
    cpuNodes: ep === 'webgpu' ? cpuNodes(nodes, log) : [],
  };
}

function cpuNodes(nodes: readonly TraceEvent[], log: readonly string[]): CpuNode[] {
  const reasons = new Map<string, string>();
  for (const line of log) {
    const m = /kernel not found in registries for Op type: (\S+) node name: (\S*)/.exec(line);
    if (m) reasons.set(m[2], `the WebGPU EP has no kernel for ${m[1]} with these types`);
  }
  const seen = new Map<string, CpuNode>();
  for (const e of nodes) {
    const op = e.args?.op_name ?? '';
    if (e.args?.provider !== 'CPUExecutionProvider' || isCopy(op)) continue;
    const node = e.name.replace(/_kernel_time$/, '');
    if (!seen.has(node)) seen.set(node, { node, op, reason: reasons.get(node) ?? null });
  }
  return [...seen.values()];
}
