/** Envoy's watermark flow control on the peer one direction of the filter reads from. */

/**
 * Whether the peer (downstream for the decoder side, upstream for the encoder side) is read-disabled, and Envoy's
 * `*_flow_control_{paused,resumed}_reading_total` counts.
 */
export class ReadingControl {
  paused = false;
  pausedReading = 0;
  resumedReading = 0;

  /** Above the high watermark (the buffer limit): Envoy read-disables the peer. */
  pause(): void {
    this.paused = true;
    this.pausedReading++;
  }

  /** Drained below the low watermark (half the limit): reading resumes. */
  resume(): void {
    this.paused = false;
    this.resumedReading++;
  }
}
