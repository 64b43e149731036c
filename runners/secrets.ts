// The API key is read from the environment only; every text that leaves a run passes through redact().
const secrets = new Set<string>();

/** Remembers a secret so that redact() removes it from anything printed or written. */
export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 4) secrets.add(value);
}

export function redact(text: string): string {
  let out = text;
  for (const s of secrets) out = out.split(s).join('[redacted]');
  return out;
}

/** --api-key-env names a variable that is not set. */
export class MissingSecretError extends Error {}

/** Reads the key from the variable named by --api-key-env; a missing variable is an error, not a silent no-key run. */
export function apiKeyFromEnv(variable: string | undefined): string | undefined {
  if (!variable) return undefined;
  const value = process.env[variable];
  if (value === undefined || value === '') throw new MissingSecretError(`--api-key-env ${variable}: that environment variable is not set`);
  registerSecret(value);
  return value;
}
