/**
 * A natural number of any size (little-endian 32-bit limbs), with just what exact decimal-to-binary rounding needs:
 * multiply-add by small numbers, powers of five, left shifts and comparison.
 */
export class BigNat {
  private limbs: Array<u32> = [];

  /** The number with the `count` ASCII decimal digits at `ptr`. */
  static fromDigits(ptr: usize, count: i32): BigNat {
    const n = new BigNat();
    let i = 0;
    while (i < count) {
      const chunk = min(9, count - i);
      let value: u32 = 0;
      for (let j = 0; j < chunk; j++) value = value * 10 + (load<u8>(ptr + i + j) - 0x30);
      n.multiplyAdd(POWERS_OF_TEN[chunk], value);
      i += chunk;
    }
    return n;
  }

  /** The number `value`. */
  static fromU64(value: u64): BigNat {
    const n = new BigNat();
    n.multiplyAdd(1, <u32>(value >> 32));
    n.multiplyAdd(0x10000, 0);
    n.multiplyAdd(0x10000, <u32>value);
    return n;
  }

  /** A copy of this number. */
  copy(): BigNat {
    const n = new BigNat();
    n.limbs = this.limbs.slice();
    return n;
  }

  /** this = this × factor + addend. */
  multiplyAdd(factor: u32, addend: u32): void {
    let carry = <u64>addend;
    for (let i = 0; i < this.limbs.length; i++) {
      const product = <u64>this.limbs[i] * factor + carry;
      this.limbs[i] = <u32>product;
      carry = product >> 32;
    }
    if (carry != 0) this.limbs.push(<u32>carry);
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
    if (this.limbs.length == 0) return;
    const whole = bits >>> 5;
    const part = bits & 31;
    if (part != 0) {
      let carry: u32 = 0;
      for (let i = 0; i < this.limbs.length; i++) {
        const limb = this.limbs[i];
        this.limbs[i] = (limb << part) | carry;
        carry = limb >>> (32 - part);
      }
      if (carry != 0) this.limbs.push(carry);
    }
    if (whole != 0) {
      const shifted = new Array<u32>(whole);
      this.limbs = shifted.concat(this.limbs);
    }
  }

  /** this = floor(this / divisor); returns the remainder. */
  divideSmall(divisor: u32): u32 {
    let remainder: u64 = 0;
    for (let i = this.limbs.length - 1; i >= 0; i--) {
      const current = (remainder << 32) | this.limbs[i];
      this.limbs[i] = <u32>(current / divisor);
      remainder = current % divisor;
    }
    while (this.limbs.length > 0 && this.limbs[this.limbs.length - 1] == 0) this.limbs.pop();
    return <u32>remainder;
  }

  /**
   * Writes this number in decimal into the `width` bytes at `ptr`, right-aligned with leading zeros, and returns
   * its own digit count. Consumes the number (it ends as zero).
   */
  writeDecimal(ptr: usize, width: i32): i32 {
    let at = ptr + <usize>width;
    while (this.limbs.length > 0) {
      let chunk = this.divideSmall(1000000000);
      const leading = this.limbs.length == 0;
      for (let i = 0; i < 9 && (chunk != 0 || !leading); i++) {
        store<u8>(--at, <u8>(0x30 + chunk % 10));
        chunk /= 10;
      }
    }
    memory.fill(ptr, 0x30, <usize>(at - ptr));
    return <i32>(ptr + <usize>width - at);
  }

  /** -1, 0 or 1 as this is less than, equal to or greater than `other`. */
  compare(other: BigNat): i32 {
    const a = this.limbs;
    const b = other.limbs;
    if (a.length != b.length) return a.length < b.length ? -1 : 1;
    for (let i = a.length - 1; i >= 0; i--) {
      if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
    }
    return 0;
  }
}

const POWERS_OF_TEN: StaticArray<u32> = [1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000];
