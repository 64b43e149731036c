// Hardware profiles: the machine the harness runs on (probed), and the serving setup the user declares in a
// YAML file (engine, quantization, parallelism, GPUs, price) — a remote server cannot be probed.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { parse as parseYaml } from 'yaml';
import { parseNvidiaSmiProbe, PROBE_QUERY, runNvidiaSmi, type GpuInfo } from './nvidia-smi.ts';

export interface HostProfile {
  cpu: string;
  cores: number;
  memoryGb: number;
  gpus: GpuInfo[];
  os: string;
  node: string;
}

export interface DeclaredProfile {
  id?: string;
  description?: string;
  engine?: string;
  engineVersion?: string;
  model?: string;
  quantization?: string;
  tensorParallel?: number;
  expertParallel?: number;
  pipelineParallel?: number;
  dataParallel?: number;
  nodes?: number;
  gpu?: { model?: string; count?: number; memoryGb?: number };
  pricePerHourUsd?: number;
  notes?: string;
}

/** What results.json records as hardware.profile. */
export interface HardwareProfile {
  id: string;
  /** The machine r1bench ran on. */
  host: HostProfile;
  /** 'deployment': the model ran there too (local engine, a loopback server, --server-pid);
   * 'client': the deployment is remote and only `declared` describes it. */
  hostRole: 'deployment' | 'client';
  declared?: DeclaredProfile;
}

export class ProfileError extends Error {}

/** Probes this machine. GPUs come from nvidia-smi when present (an empty list otherwise). */
export async function probeHost(nvidiaSmiBin = 'nvidia-smi'): Promise<HostProfile> {
  const cpus = os.cpus();
  const smi = await runNvidiaSmi(PROBE_QUERY, nvidiaSmiBin);
  return {
    cpu: cpus[0]?.model.trim() || os.arch(),
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    gpus: smi ? parseNvidiaSmiProbe(smi) : [],
    os: `${os.platform()} ${os.release()}`,
    node: process.version,
  };
}

type Kind = 'string' | 'posInt' | 'posNumber' | 'nonNegNumber';
const SCHEMA: Record<string, Kind | Record<string, Kind>> = {
  id: 'string',
  description: 'string',
  engine: 'string',
  engineVersion: 'string',
  model: 'string',
  quantization: 'string',
  tensorParallel: 'posInt',
  expertParallel: 'posInt',
  pipelineParallel: 'posInt',
  dataParallel: 'posInt',
  nodes: 'posInt',
  gpu: { model: 'string', count: 'posInt', memoryGb: 'posNumber' },
  pricePerHourUsd: 'nonNegNumber',
  notes: 'string',
};

const MUST: Record<Kind, string> = {
  string: 'a string',
  posInt: 'a positive integer',
  posNumber: 'a positive number',
  nonNegNumber: 'a number of 0 or more',
};

function valid(kind: Kind, v: unknown): boolean {
  if (kind === 'string') return typeof v === 'string' || typeof v === 'number'; // versions like 0.8 parse as numbers
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (kind === 'posInt') return Number.isInteger(v) && v > 0;
  return kind === 'posNumber' ? v > 0 : v >= 0;
}

function check(file: string, obj: unknown, schema: Record<string, Kind | Record<string, Kind>>, prefix: string): Record<string, unknown> {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj))
    throw new ProfileError(`profile ${file}: ${prefix ? `"${prefix.slice(0, -1)}"` : 'the file'} must be a mapping of keys to values`);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    const kind = schema[key];
    if (!kind) throw new ProfileError(`profile ${file}: unknown key "${prefix}${key}" (allowed: ${Object.keys(schema).join(', ')})`);
    if (typeof kind === 'object') out[key] = check(file, value, kind, `${prefix}${key}.`);
    else if (!valid(kind, value)) throw new ProfileError(`profile ${file}: "${prefix}${key}" must be ${MUST[kind]}, got ${JSON.stringify(value)}`);
    else out[key] = kind === 'string' ? String(value) : value;
  }
  return out;
}

/** Validates a declared profile object; `where` names it in errors. */
export function validateProfile(obj: unknown, where: string): DeclaredProfile {
  return check(where, obj, SCHEMA, '') as DeclaredProfile;
}

/** Reads and validates a YAML profile; every problem is a one-line ProfileError naming the file and key. */
export function loadProfile(file: string): DeclaredProfile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ProfileError(`profile ${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let obj: unknown;
  try {
    obj = parseYaml(text);
  } catch (e) {
    throw new ProfileError(`profile ${file}: bad YAML: ${(e as Error).message.split('\n')[0]}`);
  }
  return validateProfile(obj ?? {}, file);
}

/** The profile recorded with a run: the probed host, plus the declared setup when given. */
export function buildProfile(host: HostProfile, declared?: DeclaredProfile, hostRole: HardwareProfile['hostRole'] = 'deployment'): HardwareProfile {
  const gpus = host.gpus.length ? `${host.gpus.length}x${host.gpus[0]!.name}` : 'cpu';
  // A remote deployment is never labelled with the client's hardware.
  const probed = hostRole === 'deployment' ? gpus : 'remote (undeclared)';
  const id = declared?.id ?? (declared?.gpu?.model ? `${declared.gpu.count ?? 1}x${declared.gpu.model}${declared.engine ? `-${declared.engine}` : ''}` : probed);
  return { id, host, hostRole, ...(declared ? { declared } : {}) };
}
