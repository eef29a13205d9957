// Reading batch rows from a CSV or JSON Lines file, streamed: one row in memory at a time.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';
import type { BatchRow } from '../../issue/batchRow.js';

/** A row read from a file: the library's row plus where it came from and a digest of its content. */
export interface FileRow extends BatchRow {
  /** 1-based data row (the CSV header is not a row). */
  rowNumber: number;
  /** The line of the file where the row starts. */
  line: number;
}

/** A row that could not even be read (a JSON Lines line that is not a JSON object). */
export interface UnreadableRow {
  rowNumber: number;
  line: number;
  unreadable: string;
}

const KNOWN = new Set(['email', 'did', 'name', 'evidence']);

/** Whether `path` is read as JSON Lines (`.jsonl`, `.ndjson`) rather than CSV. */
export function isJsonLines(path: string): boolean {
  return /\.(jsonl|ndjson)$/i.test(path);
}

/**
 * The rows of a CSV file (a header row naming the columns: `email`, `did`, `name`, `evidence` with
 * URLs separated by spaces or `|`, and any other column a dotted field path) or a JSON Lines file
 * (one object per line, with the same members). Empty cells are left out.
 */
export async function* readRows(path: string): AsyncGenerator<FileRow | UnreadableRow> {
  yield* isJsonLines(path) ? jsonLines(path) : csvRows(path);
}

async function* csvRows(path: string): AsyncGenerator<FileRow> {
  const parser = createReadStream(path).pipe(
    parse({
      columns: (header: string[]) => header.map((h) => h.trim()),
      bom: true,
      info: true,
      skip_empty_lines: true,
      trim: true,
    }),
  );
  let rowNumber = 0;
  // csv-parse reports the line a record ends on; a quoted cell may span lines, so a row starts after the last one ended.
  let ended = 1;
  for await (const { record, info } of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number };
  }>) {
    rowNumber++;
    yield { ...rowOf(record), rowNumber, line: ended + 1 };
    ended = info.lines;
  }
}

async function* jsonLines(path: string): AsyncGenerator<FileRow | UnreadableRow> {
  const lines = createInterface({ input: createReadStream(path, 'utf8'), crlfDelay: Infinity });
  let line = 0;
  let rowNumber = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === '') continue;
    rowNumber++;
    let value: unknown;
    try {
      value = JSON.parse(line === 1 ? text.replace(/^\uFEFF/, '') : text);
    } catch (error) {
      yield { rowNumber, line, unreadable: `line ${line} is not valid JSON (${(error as Error).message})` };
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      yield { rowNumber, line, unreadable: `line ${line} is not a JSON object` };
      continue;
    }
    yield { ...rowOf(value as Record<string, unknown>), rowNumber, line };
  }
}

/** The library row for a record: the known columns by name, every other non-empty one a field. */
function rowOf(record: Record<string, unknown>): BatchRow {
  const row: BatchRow & { fields: Record<string, unknown> } = { fields: {} };
  for (const [name, value] of Object.entries(record)) {
    if (value === '' || value === undefined || value === null) continue;
    if (name === 'evidence')
      row.evidence = typeof value === 'string' ? value.split(/[\s|]+/).filter(Boolean) : (value as string[]);
    else if (KNOWN.has(name)) (row as unknown as Record<string, unknown>)[name] = value;
    else if (name === 'fields' && typeof value === 'object') Object.assign(row.fields, value);
    else row.fields[name] = value;
  }
  return row;
}
