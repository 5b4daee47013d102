/** The bytes of limb memory a `BigNat` needs: room for 4,096 bits, above the ~2,700 exact float conversion reaches. */
export const BIGNAT_BYTES = 512;

/**
 * A natural number of any size up to 4,096 bits, with just what exact decimal-binary conversion needs: multiply-add
 * by small numbers, powers of five, left shifts, comparison and decimal output. Its little-endian 32-bit limbs live
 * in `BIGNAT_BYTES` of memory the caller owns (a static `memory.data` buffer), so it links no Array code.
 */
export class BigNat {
  /** Limbs in use; the most significant one is nonzero. */
  private size: i32 = 0;

  /** Zero, kept in the `BIGNAT_BYTES` at `limbs`. */
  constructor(private readonly limbs: usize) {}

  /** Sets this to the number with the `count` ASCII decimal digits at `ptr`; returns this. */
  setDigits(ptr: usize, count: i32): BigNat {
    this.size = 0;
    for (let i = 0; i < count; i += 9) {
      const chunk = min(9, count - i);
      let value: u32 = 0;
      for (let j = 0; j < chunk; j++) value = value * 10 + (load<u8>(ptr + i + j) - 0x30);
      this.multiplyAdd(POWERS_OF_TEN[chunk], value);
    }
    return this;
  }

  /** Sets this to `value`; returns this. */
  setU64(value: u64): BigNat {
    store<u64>(this.limbs, value);
    this.size = value == 0 ? 0 : value >> 32 == 0 ? 1 : 2;
    return this;
  }

  /** Sets this to `other`; returns this. */
  set(other: BigNat): BigNat {
    memory.copy(this.limbs, other.limbs, <usize>other.size << 2);
    this.size = other.size;
    return this;
  }

  /** this = this × factor + addend. */
  multiplyAdd(factor: u32, addend: u32): void {
    let carry = <u64>addend;
    for (let i = 0; i < this.size; i++) {
      const product = <u64>this.limb(i) * factor + carry;
      this.setLimb(i, <u32>product);
      carry = product >> 32;
    }
    if (carry != 0) this.setLimb(this.size++, <u32>carry);
  }

  /** this = this × 5^exponent. */
  multiplyPow5(exponent: i32): void {
    for (; exponent >= 13; exponent -= 13) this.multiplyAdd(1220703125, 0); // 5^13
    let rest: u32 = 1;
    for (; exponent > 0; exponent--) rest *= 5;
    this.multiplyAdd(rest, 0);
  }

  /** this = this × 2^bits. */
  shiftLeft(bits: i32): void {
    if (this.size == 0) return;
    const whole = bits >>> 5;
    const part = bits & 31;
    if (part != 0) {
      let carry: u32 = 0;
      for (let i = 0; i < this.size; i++) {
        const limb = this.limb(i);
        this.setLimb(i, (limb << part) | carry);
        carry = limb >>> (32 - part);
      }
      if (carry != 0) this.setLimb(this.size++, carry);
    }
    memory.copy(this.limbs + (<usize>whole << 2), this.limbs, <usize>this.size << 2);
    memory.fill(this.limbs, 0, <usize>whole << 2);
    this.size += whole;
  }

  /**
   * Writes this number in decimal into the `width` bytes at `ptr`, right-aligned with leading zeros, and returns
   * its own digit count. Consumes the number (it ends as zero).
   */
  writeDecimal(ptr: usize, width: i32): i32 {
    let at = ptr + <usize>width;
    while (this.size > 0) {
      // this = floor(this / 10^9); chunk = the remainder, the next nine digits from the right
      let remainder: u64 = 0;
      for (let i = this.size - 1; i >= 0; i--) {
        const current = (remainder << 32) | this.limb(i);
        this.setLimb(i, <u32>(current / 1000000000));
        remainder = current % 1000000000;
      }
      if (this.limb(this.size - 1) == 0) this.size--;
      let chunk = <u32>remainder;
      for (let i = 0; i < 9 && (chunk != 0 || this.size > 0); i++) {
        store<u8>(--at, <u8>(0x30 + chunk % 10));
        chunk /= 10;
      }
    }
    memory.fill(ptr, 0x30, at - ptr);
    return <i32>(ptr + <usize>width - at);
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`. */
  compare(other: BigNat): i32 {
    if (this.size != other.size) return this.size < other.size ? -1 : 1;
    for (let i = this.size - 1; i >= 0; i--) {
      const a = this.limb(i);
      const b = other.limb(i);
      if (a != b) return a < b ? -1 : 1;
    }
    return 0;
  }

  @inline private limb(i: i32): u32 {
    return load<u32>(this.limbs + (<usize>i << 2));
  }

  @inline private setLimb(i: i32, value: u32): void {
    store<u32>(this.limbs + (<usize>i << 2), value);
  }
}

// @ts-ignore: decorator
@lazy const POWERS_OF_TEN: StaticArray<u32> = [
  1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
];
