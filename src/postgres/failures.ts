import { MicrocredError, ErrorCode } from '../errors.js';

/** Where the store connects, for messages: never the password. */
export interface StoreTarget {
  /** `postgres://user@host:port/database`, without the password. */
  label: string;
  /** Strings that must never appear in a message (the password, raw and percent-decoded; the full connection string). */
  secrets: string[];
}

/** Settings a store may read its target from: its own connection string or a caller's pool's options. */
export interface TargetSettings {
  connectionString?: string;
  host?: string;
  port?: number;
  user?: string;
  database?: string;
  password?: unknown;
}

/** Describes a server for messages from a connection string or pool options, keeping its secrets aside for redaction. */
export function describeTarget(settings: TargetSettings): StoreTarget {
  const secrets: string[] = [];
  if (typeof settings.password === 'string' && settings.password !== '') secrets.push(settings.password);
  const connectionString = settings.connectionString;
  if (connectionString !== undefined && connectionString !== '') {
    secrets.push(connectionString);
    try {
      const url = new URL(connectionString);
      if (url.password !== '') secrets.push(url.password, safeDecode(url.password));
      const user = url.username === '' ? '' : `${safeDecode(url.username)}@`;
      return { label: `${url.protocol}//${user}${url.host}${url.pathname === '/' ? '' : url.pathname}`, secrets };
    } catch {
      // Not a URL (pg also takes socket paths): name nothing rather than risk printing a password.
      return { label: 'the PostgreSQL server in the connection string', secrets };
    }
  }
  const user = settings.user ? `${settings.user}@` : '';
  const host = settings.host ?? 'localhost';
  const port = settings.port ? `:${settings.port}` : '';
  const database = settings.database ? `/${settings.database}` : '';
  return { label: `postgres://${user}${host}${port}${database}`, secrets };
}

/**
 * Wraps a driver or server failure as `ERR_STORE_FAILED`: `what` failed, where, and why, with every
 * secret of `target` blanked out. A {@link MicrocredError} passes through unchanged.
 */
export function storeFailed(error: unknown, what: string, target: StoreTarget, schema: string): MicrocredError {
  if (error instanceof MicrocredError) return error;
  const sqlState =
    typeof (error as { code?: unknown })?.code === 'string' ? (error as { code: string }).code : undefined;
  const reason = redact(reasonOf(error), target.secrets);
  return new MicrocredError(
    ErrorCode.STORE_FAILED,
    `${what} in PostgreSQL at ${target.label} (schema "${schema}"): ${reason}`,
    { server: target.label, schema, ...(sqlState ? { sqlState } : {}) },
    { cause: error },
  );
}

/** The driver's words for a failure; Node's AggregateError (one per address tried) has an empty message. */
function reasonOf(error: unknown): string {
  if (error instanceof AggregateError && error.message === '') {
    return [...new Set(error.errors.map((e: unknown) => reasonOf(e)))].join('; ');
  }
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}

function redact(text: string, secrets: string[]): string {
  let out = text;
  // Longest first, so a connection string is blanked whole before the password inside it.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret !== '') out = out.split(secret).join('***');
  }
  return out;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
