// The environment variables that huggingface_hub reads, with the meaning it gives them. Checked against
// huggingface_hub src/huggingface_hub/constants.py at commit 03333b689b5a2dee604676791c0792ede6246a31:
// HF_HOME defaults to $XDG_CACHE_HOME/huggingface (~/.cache/huggingface); HF_HUB_CACHE, else the legacy
// HUGGINGFACE_HUB_CACHE, else $HF_HOME/hub; HF_HUB_OFFLINE true for 1/ON/YES/TRUE; HF_ENDPOINT defaults to
// https://huggingface.co; the token comes from HF_TOKEN (the legacy HUGGING_FACE_HUB_TOKEN too).
import { homedir } from 'node:os';
import { join } from 'node:path';

export interface HubEnv {
  endpoint: string;
  token?: string;
  offline: boolean;
  cacheDir: string;
}

const truthy = (v: string | undefined) => ['1', 'ON', 'YES', 'TRUE'].includes((v ?? '').toUpperCase());
const expandHome = (p: string) => (p === '~' || p.startsWith('~/') ? homedir() + p.slice(1) : p);

export function hubEnv(env: NodeJS.ProcessEnv = process.env): HubEnv {
  const home = expandHome(env.HF_HOME || join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'huggingface'));
  const cacheDir = expandHome(env.HF_HUB_CACHE || env.HUGGINGFACE_HUB_CACHE || join(home, 'hub'));
  const token = env.HF_TOKEN || env.HUGGING_FACE_HUB_TOKEN || undefined;
  return {
    endpoint: (env.HF_ENDPOINT || 'https://huggingface.co').replace(/\/+$/, ''),
    ...(token ? { token } : {}),
    offline: truthy(env.HF_HUB_OFFLINE) || truthy(env.TRANSFORMERS_OFFLINE),
    cacheDir,
  };
}
