/**
 * Checks PenDataTimeCountSequence numbers (16-bit, wrapping). A number not ahead of the last accepted
 * one is a duplicate or a late report and is refused; a jump forward means reports were lost on the way,
 * which is counted: the capture keeps what arrived.
 */
export class SequenceCheck {
  private last: number | null = null;
  missing = 0;

  accept(sequence: number | null): boolean {
    if (sequence === null) return true;
    if (this.last !== null) {
      const ahead = (sequence - this.last) & 0xffff;
      if (ahead === 0 || ahead >= 0x8000) return false;
      this.missing += ahead - 1;
    }
    this.last = sequence;
    return true;
  }
}
