// Public surface of hardware-profiles: serving metrics, load tests, machine profiles, memory sampling, cost.
export { latencyStats, percentileSorted } from './stats.ts';
export { requestMetrics, summarizePerformance, parseSlo, SloError, type Performance, type RequestMetrics, type Slo, type ServerTimingStats } from './metrics.ts';
export { runLoadTest, LoadTestError, type LoadTestOptions } from './load-test.ts';
export {
  writeBenchFiles,
  requestRecord,
  benchCsv,
  findSaturation,
  type BenchReport,
  type LoadTestResult,
  type LoadLevelResult,
  type CurvePoint,
  type Saturation,
  type LoadMode,
} from './bench-report.ts';
export { probeHost, loadProfile, validateProfile, buildProfile, ProfileError, type HostProfile, type DeclaredProfile, type HardwareProfile } from './profile.ts';
export { startMemorySampler, readProcMemory, type MemorySamplerOptions, type MemorySummary, type TimelineRow } from './memory-sampler.ts';
export { startClientLoad, worstClientLoad, clientLoadWarning, cpuWaitText, CLIENT_DELAY_LIMIT_MS, type ClientLoad } from './client-load.ts';
export { parseNvidiaSmi, parseNvidiaSmiApps, parseNvidiaSmiProbe, type GpuMemorySample, type GpuProcessSample, type GpuInfo } from './nvidia-smi.ts';
export { parsePrometheus, servingMetrics, fetchMetrics, type PromSample } from './prometheus.ts';
export { costSummary, type CostSummary } from './cost.ts';
export { hardwareSection, type HardwareSection } from './sections.ts';
