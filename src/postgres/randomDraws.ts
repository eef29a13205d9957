import { randomBytes } from '#runtime';

/** `count` cryptographically random whole numbers below 2^53 (exact as JavaScript numbers and as SQL bigints). */
export function randomDraws(count: number): number[] {
  const bytes = randomBytes(7 * count);
  const draws: number[] = [];
  for (let offset = 0; offset < bytes.length; offset += 7) {
    // 5 bits of the first byte and six whole bytes: 53 bits.
    let draw = bytes[offset]! & 0x1f;
    for (let i = 1; i < 7; i++) draw = draw * 256 + bytes[offset + i]!;
    draws.push(draw);
  }
  return draws;
}

/** A cryptographically random fraction in [0, 1). */
export function randomFraction(): number {
  return randomDraws(1)[0]! / 2 ** 53;
}
