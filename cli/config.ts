// The YAML run configuration, validated against config.schema.json: a typo is an error naming the key.
import { Ajv, type ErrorObject } from 'ajv';
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';

export interface RunConfigFile {
  model?: string;
  endpoints?: string[];
  apiKeyEnv?: string;
  sampling?: { temperature?: number; topP?: number; maxTokens?: number; seed?: number };
  concurrency?: number;
  rampUpS?: number;
  perEndpointConcurrency?: number;
  maxAttempts?: number;
  idleTimeoutMs?: number;
  totalTimeoutMs?: number;
  maxErrorRate?: number;
  clientThreads?: number;
  skipDoctor?: boolean;
  reference?: string;
  extraBody?: Record<string, unknown>;
  out?: string;
  slo?: { ttftMs?: number; tpotMs?: number; e2eMs?: number };
  profile?: string;
  serverPid?: number;
  metricsUrl?: string;
  suites?: { suite: string; id?: string; samples?: number; limit?: number; limitPerSubject?: number; subjects?: string[]; columns?: Record<string, string>; fewShot?: number; language?: 'cpp' | 'python'; since?: string; until?: string; difficulties?: string[] }[];
}

export class ConfigError extends Error {}

export const configSchema = JSON.parse(readFileSync(new URL('../config.schema.json', import.meta.url), 'utf8'));

let validator: ReturnType<Ajv['compile']> | undefined;

/** `/suites/0/sampels` → `suites[0].sampels` */
function keyPath(e: ErrorObject): string {
  const parts = e.instancePath.split('/').filter(Boolean);
  if (e.keyword === 'additionalProperties') parts.push((e.params as { additionalProperty: string }).additionalProperty);
  return parts.reduce((acc, p) => (/^\d+$/.test(p) ? `${acc}[${p}]` : acc ? `${acc}.${p}` : p), '') || '(top level)';
}

function describe(e: ErrorObject): string {
  if (e.keyword === 'additionalProperties') return 'unknown key';
  return e.message ?? 'invalid';
}

export function validateConfig(data: unknown, file: string): RunConfigFile {
  validator ??= new Ajv({ allErrors: false, strict: false }).compile(configSchema);
  if (data === null || data === undefined) return {};
  if (!validator(data)) {
    const e = validator.errors![0]!;
    throw new ConfigError(`${file}: ${keyPath(e)}: ${describe(e)}`);
  }
  return data as RunConfigFile;
}

export function loadConfig(file: string): RunConfigFile {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(`${file}: cannot read config (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (e) {
    throw new ConfigError(`${file}: invalid YAML (${(e as Error).message.split('\n')[0]})`);
  }
  return validateConfig(data, file);
}
