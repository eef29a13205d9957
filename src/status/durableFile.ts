// Node-only file primitives for the file status store: a cross-process lock and an atomic,
// durable replace. Never imported by the verifier.
import { link, mkdir, open, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { MicrocredError, ErrorCode } from '../errors.js';

/**
 * Replaces `path` with `text` so that a crash at any moment leaves either the old or the new file,
 * whole: write a temporary file in the same folder, fsync it, rename it over `path`, fsync the folder
 * (without the last step the rename itself may be lost on power failure).
 */
export async function replaceFileDurably(path: string, text: string, mode = 0o600): Promise<void> {
  const folder = dirname(path);
  await mkdir(folder, { recursive: true });
  const temporary = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temporary, 'wx', mode);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  await syncFolder(folder);
}

async function syncFolder(folder: string): Promise<void> {
  let handle;
  try {
    handle = await open(folder, 'r');
    await handle.sync();
  } catch (error) {
    // Some platforms (Windows) cannot open or fsync a folder; the rename is then as durable as they allow.
    if (!['EISDIR', 'EPERM', 'EINVAL', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? '')) throw error;
  } finally {
    await handle?.close();
  }
}

/** What a lock file holds: who took it, so that a lock left by a dead process can be recognised. */
interface LockOwner {
  pid: number;
  host: string;
}

/**
 * Runs `task` holding the lock file `lockPath`, created exclusively so that one process at a time
 * holds it. Waits up to `timeoutMs` for another holder. A lock whose holder died (same host, the
 * process is gone) is removed; one from another host never is, so a store on a shared network
 * folder should have one writer host.
 */
export async function withFileLock<T>(lockPath: string, timeoutMs: number, task: () => Promise<T>): Promise<T> {
  await acquire(lockPath, timeoutMs);
  try {
    return await task();
  } finally {
    await unlink(lockPath).catch(() => undefined);
  }
}

async function acquire(lockPath: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const own = `${process.pid}\n${hostname()}\n${new Date().toISOString()}\n`;
  for (let wait = 2; ; wait = Math.min(wait * 2, 50)) {
    if (await tryCreate(lockPath, own)) return;
    if (await removeIfAbandoned(lockPath)) continue;
    if (Date.now() >= deadline) {
      const owner = await readOwner(lockPath);
      const who = owner ? `process ${owner.pid} on ${owner.host}` : 'another process';
      throw new MicrocredError(
        ErrorCode.STORE_LOCKED,
        `The status store is locked by ${who} (${lockPath}); waited ${timeoutMs} ms. If no microcred process is running, delete the lock file.`,
        { file: lockPath },
      );
    }
    await new Promise((resolve) => setTimeout(resolve, wait));
  }
}

/**
 * Creates the lock file holding `content`, or returns false when it exists. The content is written
 * to a file of our own first and linked into place (link, like O_EXCL, fails when the name exists),
 * so that the lock never exists without its owner: a holder killed at any moment is recognisable.
 * Where links are not supported, the file is created with O_EXCL and then written.
 */
async function tryCreate(lockPath: string, content: string): Promise<boolean> {
  const own = `${lockPath}.${process.pid}.${randomBytes(6).toString('hex')}`;
  try {
    await writeFile(own, content, { flag: 'wx', mode: 0o600 });
    await link(own, lockPath);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw lockFailed(lockPath, error);
  } finally {
    await unlink(own).catch(() => undefined);
  }
  try {
    const handle = await open(lockPath, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
    } finally {
      await handle.close();
    }
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw lockFailed(lockPath, error);
  }
}

function lockFailed(lockPath: string, error: unknown): MicrocredError {
  return new MicrocredError(
    ErrorCode.STORE_FAILED,
    `The lock file ${lockPath} could not be created: ${(error as Error).message}.`,
    { file: lockPath },
  );
}

async function readOwner(lockPath: string): Promise<LockOwner | undefined> {
  try {
    const [pid, host] = (await readFile(lockPath, 'utf8')).split('\n');
    const number = Number(pid);
    return Number.isSafeInteger(number) && number > 0 && host ? { pid: number, host } : undefined;
  } catch {
    return undefined;
  }
}

// Only where links are not supported: a holder killed between creating the lock and writing its
// pid leaves an empty file, taken as abandoned after this long.
const EMPTY_LOCK_GRACE_MS = 5_000;

/** Removes the lock when its holder is known to be gone; true when it did. */
async function removeIfAbandoned(lockPath: string): Promise<boolean> {
  const owner = await readOwner(lockPath);
  if (owner) {
    if (owner.host !== hostname() || isAlive(owner.pid)) return false;
  } else {
    const info = await stat(lockPath).catch(() => undefined);
    if (!info) return true; // released meanwhile
    if (Date.now() - info.mtimeMs < EMPTY_LOCK_GRACE_MS) return false;
  }
  // Move it aside before deleting, and delete only what was seen abandoned: two processes breaking
  // the same lock must not delete the fresh lock one of them has just taken.
  const aside = `${lockPath}.${process.pid}.${randomBytes(6).toString('hex')}.stale`;
  try {
    await rename(lockPath, aside);
  } catch {
    return true; // someone else moved it; try again
  }
  const moved = await readOwner(aside);
  if (moved && (moved.pid !== owner?.pid || moved.host !== owner?.host)) {
    // A live lock was taken meanwhile and moved by mistake: put it back unless another exists now
    // (link, unlike rename, never replaces).
    await link(aside, lockPath).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
  return true;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
