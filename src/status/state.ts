import { MicrocredError, ErrorCode } from '../errors.js';
import { fromBase64Url, toBase64Url } from '../encoding.js';
import { isJsonObject } from '../jsonPath.js';
import type {
  AllocateOptions,
  AllocateRequest,
  StatusAllocation,
  StatusListRef,
  StatusPurpose,
  StoredStatusList,
} from './store.js';
import { HeldIndexes } from './heldIndexes.js';

/** The status purposes a store keeps lists for. */
export const STATUS_PURPOSES: readonly StatusPurpose[] = ['revocation', 'suspension'];

interface ListState {
  id: string;
  purpose: StatusPurpose;
  length: number;
  bits: Uint8Array;
  /** Which indexes are handed out (same layout as `bits`). */
  used: Uint8Array;
  allocated: number;
  version: number;
  issuer: string | undefined;
  /** Where the list stands among the store's lists, oldest first (the journal names lists by it). */
  position: number;
}

/**
 * One change to a store's data, as the file store's journal records it: a list opened, an index
 * handed to a credential, a status bit set or cleared, a list claimed by an issuer. Lists are named
 * by their position, oldest first.
 */
export type StatusChange =
  | { op: 'list'; id: string; purpose: StatusPurpose; length: number; issuer?: string }
  | { op: 'hold'; credential: string; purpose: StatusPurpose; list: number; index: number }
  | { op: 'bit'; list: number; index: number; value: boolean }
  | { op: 'claim'; list: number; issuer: string };

/**
 * The JSON a store saves: lists oldest first, and each credential's `[list position, index]` per purpose.
 * Version 2 records each list's issuer; version 1 (read, never written) did not. A version 1 file is
 * rewritten as version 2 on its first change, so that an older microcred, which would reuse any
 * issuer's lists, refuses it rather than touch it.
 */
export interface StatusStateJson {
  format: 'microcred-status-store';
  version: 2 | 3;
  /** Version 3: how many journal records the snapshot includes (the file store's journal holds the later ones). */
  seq?: number;
  lists: { id: string; purpose: StatusPurpose; length: number; version: number; bits: string; issuer?: string }[];
  credentials: Record<string, Partial<Record<StatusPurpose, [number, number]>>>;
}

/**
 * A status store's data held in memory, with the operations of the {@link StatusStore} contract
 * done synchronously. The memory and file stores wrap one; callers serialize access.
 */
export class StatusState {
  readonly #lists: ListState[] = [];
  readonly #byId = new Map<string, ListState>();
  readonly #credentials = new HeldIndexes();
  #revision = 0;
  /** The changes made since the last {@link takeChanges}, when recording (the file store's journal). */
  #changes: StatusChange[] | undefined;

  /** From now on, every change is also recorded for {@link takeChanges}. */
  recordChanges(): void {
    this.#changes ??= [];
  }

  /** The changes recorded since the last call, oldest first (empty when not recording). */
  takeChanges(): StatusChange[] {
    const changes = this.#changes ?? [];
    if (this.#changes) this.#changes = [];
    return changes;
  }

  /** Goes up on every change, so a caller knows whether there is anything to save. */
  get revision(): number {
    return this.#revision;
  }

  allocate(credentialId: string, purpose: StatusPurpose, options: AllocateOptions): StatusAllocation {
    const held = this.#held(credentialId, purpose);
    if (held) return allocation(credentialId, purpose, held.list, held.index);
    const list = this.#openList(purpose, options);
    const index = pickFreeIndex(list);
    setBit(list.used, index, true);
    list.allocated += 1;
    this.#hold(credentialId, purpose, list, index);
    this.#revision += 1;
    this.#changes?.push({ op: 'hold', credential: credentialId, purpose, list: list.position, index });
    return allocation(credentialId, purpose, list, index);
  }

  /** {@link allocate} for every credential and request: per credential, one allocation per request, in order. */
  allocateMany(credentialIds: readonly string[], requests: readonly AllocateRequest[]): StatusAllocation[][] {
    return credentialIds.map((id) => requests.map(({ purpose, options }) => this.allocate(id, purpose, options)));
  }

  openList(purpose: StatusPurpose, options: AllocateOptions): StoredStatusList {
    return snapshot(this.#openList(purpose, options));
  }

  setStatusMany(
    credentialIds: readonly string[],
    purpose: StatusPurpose,
    value: boolean,
  ): (StatusAllocation | undefined)[] {
    return credentialIds.map((id) => this.setStatus(id, purpose, value));
  }

  claimList(listId: string, issuer: string): StoredStatusList {
    const list = this.#byId.get(listId);
    if (!list)
      throw new MicrocredError(ErrorCode.STORE_FAILED, `The store has no status list ${listId}.`, { url: listId });
    if (list.issuer === undefined) {
      list.issuer = issuer;
      this.#revision += 1;
      this.#changes?.push({ op: 'claim', list: list.position, issuer });
    } else if (list.issuer !== issuer) throw otherIssuer(listId, list.issuer, issuer);
    return snapshot(list);
  }

  setStatus(credentialId: string, purpose: StatusPurpose, value: boolean): StatusAllocation | undefined {
    const held = this.#held(credentialId, purpose);
    if (!held) return undefined;
    if (getBit(held.list.bits, held.index) !== value) {
      setBit(held.list.bits, held.index, value);
      held.list.version += 1;
      this.#revision += 1;
      this.#changes?.push({ op: 'bit', list: held.list.position, index: held.index, value });
    }
    return allocation(credentialId, purpose, held.list, held.index);
  }

  allocations(credentialId: string): StatusAllocation[] {
    return this.#credentials
      .of(credentialId)
      .map(([purpose, { position, index }]) =>
        allocation(credentialId, purpose, this.#lists[position] as ListState, index),
      );
  }

  getList(listId: string): StoredStatusList | undefined {
    const list = this.#byId.get(listId);
    return list ? snapshot(list) : undefined;
  }

  listIds(): StatusListRef[] {
    return this.#lists.map(({ id, purpose, issuer }) =>
      issuer === undefined ? { id, purpose } : { id, purpose, issuer },
    );
  }

  toJSON(): StatusStateJson {
    // Grouped in a Map, then made own properties: an id such as "__proto__" stays a plain member.
    const grouped = new Map<string, Partial<Record<StatusPurpose, [number, number]>>>();
    for (const [id, purpose, { position, index }] of this.#credentials.entries()) {
      let held = grouped.get(id);
      if (!held) grouped.set(id, (held = {}));
      held[purpose] = [position, index];
    }
    const credentials: StatusStateJson['credentials'] = Object.fromEntries(grouped);
    return {
      format: 'microcred-status-store',
      version: 2,
      lists: this.#lists.map(({ id, purpose, length, version, bits, issuer }) => ({
        id,
        purpose,
        length,
        version,
        bits: toBase64Url(bits),
        ...(issuer === undefined ? {} : { issuer }),
      })),
      credentials,
    };
  }

  /** Reads what {@link toJSON} wrote; anything else is `ERR_STORE_CORRUPT` naming where (`shownAs`). */
  static fromJSON(value: unknown, shownAs: string): StatusState {
    const corrupt = (path: string, why: string) =>
      new MicrocredError(
        ErrorCode.STORE_CORRUPT,
        `The status store ${shownAs} is damaged at ${path}: ${why}. Restore it from a backup; do not issue with it until then.`,
        { path, file: shownAs },
      );
    if (!isJsonObject(value) || value.format !== 'microcred-status-store')
      throw corrupt('format', 'it is not a microcred status store');
    if (value.version !== 1 && value.version !== 2 && value.version !== 3)
      throw corrupt('version', `version ${JSON.stringify(value.version)} is not one this microcred reads (1 to 3)`);
    const state = new StatusState();
    if (!Array.isArray(value.lists)) throw corrupt('lists', 'not a list');
    value.lists.forEach((raw: unknown, i) => {
      const path = `lists[${i}]`;
      if (!isJsonObject(raw) || typeof raw.id !== 'string' || state.#byId.has(raw.id))
        throw corrupt(`${path}.id`, 'missing or repeated');
      if (!STATUS_PURPOSES.includes(raw.purpose as StatusPurpose))
        throw corrupt(`${path}.purpose`, 'not revocation or suspension');
      const length = raw.length;
      if (typeof length !== 'number' || !Number.isSafeInteger(length) || length <= 0)
        throw corrupt(`${path}.length`, 'not a positive integer');
      if (typeof raw.version !== 'number' || !Number.isSafeInteger(raw.version) || raw.version < 0)
        throw corrupt(`${path}.version`, 'not a count');
      let bits: Uint8Array;
      try {
        bits = fromBase64Url(String(raw.bits));
      } catch {
        throw corrupt(`${path}.bits`, 'not base64url');
      }
      if (bits.length !== Math.ceil(length / 8))
        throw corrupt(`${path}.bits`, `${bits.length} bytes for ${length} bits`);
      if (raw.issuer !== undefined && (value.version === 1 || typeof raw.issuer !== 'string' || raw.issuer === ''))
        throw corrupt(`${path}.issuer`, 'not an issuer id');
      state.#add({
        id: raw.id,
        purpose: raw.purpose as StatusPurpose,
        length,
        bits,
        used: new Uint8Array(bits.length),
        allocated: 0,
        version: raw.version,
        issuer: raw.issuer as string | undefined,
        position: state.#lists.length,
      });
    });
    if (!isJsonObject(value.credentials)) throw corrupt('credentials', 'not an object');
    for (const [credentialId, held] of Object.entries(value.credentials)) {
      if (!isJsonObject(held)) throw corrupt(`credentials["${credentialId}"]`, 'not an object');
      for (const [purpose, ref] of Object.entries(held)) {
        const path = `credentials["${credentialId}"].${purpose}`;
        const list = Array.isArray(ref) && typeof ref[0] === 'number' ? state.#lists[ref[0]] : undefined;
        const index = Array.isArray(ref) ? ref[1] : undefined;
        if (!list || list.purpose !== purpose) throw corrupt(path, 'does not name a list of that purpose');
        if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0 || index >= list.length)
          throw corrupt(path, 'index out of range');
        if (getBit(list.used, index)) throw corrupt(path, `index ${index} of ${list.id} is held twice`);
        setBit(list.used, index, true);
        list.allocated += 1;
        state.#hold(credentialId, purpose as StatusPurpose, list, index);
      }
    }
    return state;
  }

  /**
   * Replays one change a journal recorded. `corrupt(why)` makes the error for a change that does not
   * fit the data (a damaged journal): nothing is applied then.
   */
  applyChange(change: unknown, corrupt: (why: string) => MicrocredError): void {
    if (!isJsonObject(change)) throw corrupt('not a change');
    const list = typeof change.list === 'number' ? this.#lists[change.list] : undefined;
    const index = change.index;
    const inRange =
      list !== undefined &&
      typeof index === 'number' &&
      Number.isSafeInteger(index) &&
      index >= 0 &&
      index < list.length;
    switch (change.op) {
      case 'list': {
        const { id, purpose, length, issuer } = change;
        if (typeof id !== 'string' || this.#byId.has(id)) throw corrupt('a list id that is missing or repeated');
        if (!STATUS_PURPOSES.includes(purpose as StatusPurpose))
          throw corrupt('a list purpose that is not revocation or suspension');
        if (typeof length !== 'number' || !Number.isSafeInteger(length) || length <= 0)
          throw corrupt('a list length that is not a positive integer');
        if (issuer !== undefined && (typeof issuer !== 'string' || issuer === ''))
          throw corrupt('a list issuer that is not an issuer id');
        const bytes = Math.ceil(length / 8);
        this.#add({
          id,
          purpose: purpose as StatusPurpose,
          length,
          bits: new Uint8Array(bytes),
          used: new Uint8Array(bytes),
          allocated: 0,
          version: 0,
          issuer: issuer as string | undefined,
          position: this.#lists.length,
        });
        break;
      }
      case 'hold': {
        const { credential, purpose } = change;
        if (!inRange || list.purpose !== purpose) throw corrupt('an index of no list of that purpose');
        if (typeof credential !== 'string' || this.#credentials.has(credential, purpose as StatusPurpose))
          throw corrupt('a credential that already holds an index of that purpose');
        if (getBit(list.used, index)) throw corrupt(`index ${index} of ${list.id} held twice`);
        setBit(list.used, index, true);
        list.allocated += 1;
        this.#hold(credential, purpose as StatusPurpose, list, index);
        break;
      }
      case 'bit': {
        if (!inRange || typeof change.value !== 'boolean') throw corrupt('a bit of no list');
        if (getBit(list.bits, index) !== change.value) {
          setBit(list.bits, index, change.value);
          list.version += 1;
        }
        break;
      }
      case 'claim': {
        if (list === undefined || typeof change.issuer !== 'string' || change.issuer === '')
          throw corrupt('a claim of no list');
        if (list.issuer !== undefined && list.issuer !== change.issuer)
          throw corrupt(`a claim of ${list.id}, which another issuer holds`);
        list.issuer = change.issuer;
        break;
      }
      default:
        throw corrupt(`an unknown change ${JSON.stringify(change.op)}`);
    }
    this.#revision += 1;
  }

  #openList(purpose: StatusPurpose, options: AllocateOptions): ListState {
    const open = this.#latest(purpose, options.issuer);
    if (open && open.allocated < open.length) return open;
    const { listLength } = options;
    if (!Number.isSafeInteger(listLength) || listLength <= 0) {
      throw new MicrocredError(
        ErrorCode.FIELD_INVALID,
        `A status list length must be a positive whole number of bits; it is ${String(listLength)}.`,
        { path: 'listLength' },
      );
    }
    const id = options.nextListId();
    if (this.#byId.has(id))
      throw new MicrocredError(
        ErrorCode.STORE_FAILED,
        `The store already has a list ${id}; a new list needs a new id.`,
        { url: id },
      );
    const bytes = Math.ceil(listLength / 8);
    const list: ListState = {
      id,
      purpose,
      length: listLength,
      bits: new Uint8Array(bytes),
      used: new Uint8Array(bytes),
      allocated: 0,
      version: 0,
      issuer: options.issuer,
      position: this.#lists.length,
    };
    this.#add(list);
    this.#revision += 1;
    this.#changes?.push({
      op: 'list',
      id,
      purpose,
      length: listLength,
      ...(options.issuer === undefined ? {} : { issuer: options.issuer }),
    });
    return list;
  }

  /** The newest list of `purpose` recording `issuer` (no issuer: the newest recording none). */
  #latest(purpose: StatusPurpose, issuer: string | undefined): ListState | undefined {
    for (let i = this.#lists.length - 1; i >= 0; i--) {
      const list = this.#lists[i] as ListState;
      if (list.purpose === purpose && list.issuer === issuer) return list;
    }
    return undefined;
  }

  #add(list: ListState): void {
    this.#lists.push(list);
    this.#byId.set(list.id, list);
  }

  #hold(credentialId: string, purpose: StatusPurpose, list: ListState, index: number): void {
    this.#credentials.set(credentialId, purpose, { position: list.position, index });
  }

  #held(credentialId: string, purpose: StatusPurpose): { list: ListState; index: number } | undefined {
    const held = this.#credentials.get(credentialId, purpose);
    return held ? { list: this.#lists[held.position] as ListState, index: held.index } : undefined;
  }
}

function allocation(credentialId: string, purpose: StatusPurpose, list: ListState, index: number): StatusAllocation {
  return { credentialId, purpose, listId: list.id, index };
}

function snapshot(list: ListState): StoredStatusList {
  return {
    id: list.id,
    purpose: list.purpose,
    length: list.length,
    bits: list.bits.slice(),
    allocated: list.allocated,
    version: list.version,
    ...(list.issuer === undefined ? {} : { issuer: list.issuer }),
  };
}

/** `ERR_STATUS_LIST_OTHER_ISSUER`: the list `listId` records `listIssuer`, not `issuer`. */
export function otherIssuer(listId: string, listIssuer: string, issuer: string | undefined): MicrocredError {
  return new MicrocredError(
    ErrorCode.STATUS_LIST_OTHER_ISSUER,
    `The status list ${listId} belongs to ${listIssuer}${issuer === undefined ? '' : `, not to ${issuer}`}: only a key of ${listIssuer} may change or re-sign it.`,
    { url: listId, listIssuer, ...(issuer === undefined ? {} : { issuer }) },
  );
}

/** Bit `index` of a packed bitstring, index 0 being the most significant bit of byte 0 (Bitstring Status List §4.2). */
export function getBit(bits: Uint8Array, index: number): boolean {
  return (((bits[index >> 3] ?? 0) >> (7 - (index & 7))) & 1) === 1;
}

function setBit(bits: Uint8Array, index: number, value: boolean): void {
  const mask = 1 << (7 - (index & 7));
  bits[index >> 3] = value ? (bits[index >> 3] as number) | mask : (bits[index >> 3] as number) & ~mask;
}

// Random among the free indexes (Bitstring Status List §6.1, herd privacy): an index then says
// nothing about when, or in which order, a credential was issued.
function pickFreeIndex(list: ListState): number {
  for (let tries = 0; tries < 32; tries++) {
    const candidate = randomBelow(list.length);
    if (!getBit(list.used, candidate)) return candidate;
  }
  // Nearly full: take the k-th free index, k uniform, rather than keep drawing.
  let k = randomBelow(list.length - list.allocated);
  for (let index = 0; index < list.length; index++) {
    if (!getBit(list.used, index) && k-- === 0) return index;
  }
  throw new MicrocredError(
    ErrorCode.INTERNAL,
    `The list ${list.id} has no free index although it counts ${list.allocated} of ${list.length} in use.`,
  );
}

/** A uniform random integer in [0, n), n ≤ 2^32, from the platform's CSPRNG. */
function randomBelow(n: number): number {
  const limit = 2 ** 32 - (2 ** 32 % n);
  const word = new Uint32Array(1);
  for (;;) {
    globalThis.crypto.getRandomValues(word);
    if ((word[0] as number) < limit) return (word[0] as number) % n;
  }
}
