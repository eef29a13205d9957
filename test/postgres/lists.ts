/** The indexes whose bit is set in a packed, most-significant-bit-first bitstring. */
export function setIndexes(bits: Uint8Array): number[] {
  const out: number[] = [];
  bits.forEach((byte, i) => {
    for (let bit = 0; bit < 8; bit++) if (byte & (0x80 >> bit)) out.push(i * 8 + bit);
  });
  return out;
}

/** A `nextListId` that hands out `<base>1`, `<base>2`… and remembers what it handed out. */
export function listIdSource(base = 'https://status.example.org/lists/'): {
  nextListId: () => string;
  issued: string[];
} {
  const issued: string[] = [];
  return {
    issued,
    nextListId: () => {
      const id = `${base}${issued.length + 1}`;
      issued.push(id);
      return id;
    },
  };
}
