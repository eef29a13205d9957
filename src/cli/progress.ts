// Progress of a long command on stderr: a line redrawn in place on a terminal, a plain line every
// so many rows otherwise (a log file or CI keeps every line, so redrawing would only add noise).
// A dozen lines of our own rather than a progress-bar package: all that is needed is one line of
// count, rate and time left; a package would bring its own terminal handling and types to keep up.
import type { CliIo } from './args.js';

/** Where a batch stands. */
export interface ProgressState {
  done: number;
  failed: number;
  elapsedMs: number;
  /** Rows to do in this run, when known. */
  total?: number | undefined;
}

/** `1,234/10,000 rows (12.3%) · 2 failed · 150.2/s · 58s left`. */
export function progressLine({ done, failed, elapsedMs, total }: ProgressState): string {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const parts = [
    total === undefined
      ? `${done.toLocaleString('en-US')} rows`
      : `${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')} rows (${((100 * done) / Math.max(total, 1)).toFixed(1)}%)`,
  ];
  if (failed > 0) parts.push(`${failed.toLocaleString('en-US')} failed`);
  parts.push(`${rate.toFixed(1)}/s`);
  if (total !== undefined && rate > 0 && done < total) parts.push(`${duration((total - done) / rate)} left`);
  return parts.join(' · ');
}

function duration(seconds: number): string {
  const s = Math.ceil(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** Reports progress on `io.stderr`: redrawn at most 10 times a second on a terminal, else every `every` rows. */
export function progressReporter(io: CliIo, every: number) {
  let lastDraw = 0;
  return {
    update(state: ProgressState): void {
      if (io.progress) {
        const now = Date.now();
        if (now - lastDraw < 100) return;
        lastDraw = now;
        io.stderr(`\r\x1b[K${progressLine(state)}`);
      } else if (state.done % every === 0) io.stderr(`${progressLine(state)}\n`);
    },
    finish(state: ProgressState): void {
      io.stderr(`${io.progress ? '\r\x1b[K' : ''}${progressLine(state)}\n`);
    },
  };
}
