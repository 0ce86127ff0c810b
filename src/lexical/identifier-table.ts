/**
 * A cache from identifier to the ids of its terms, for the tokenizer's hot loop: open addressing on
 * the scanner's hash, the key compared in place in the text (so a hit allocates nothing), and each
 * entry's term ids and key characters side by side in one array (so a hit touches two cache lines:
 * the slot and the entry).
 */
export class IdentifierTable {
  /** Distinct identifiers held. */
  size = 0;
  /** Per slot: hash, entry + 1 (0 = empty), key length. */
  private slots = new Int32Array(3 * 1024);
  private capacity = 1024;
  /** Entries: number of term ids, the ids, then the key's code units. */
  data = new Int32Array(1 << 16);
  private dataLength = 0;

  /**
   * The entry of `text[start, end)`, or -1. At the entry, `data` holds the number of term ids
   * followed by the ids.
   */
  find(text: string, start: number, end: number, hash: number): number {
    const slots = this.slots;
    const mask = this.capacity - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const at = slot * 3;
      const entry1 = slots[at + 1]!;
      if (entry1 === 0) return -1;
      if (slots[at] !== hash || slots[at + 2] !== length) continue;
      const data = this.data;
      let k = entry1 + data[entry1 - 1]!;
      let i = start;
      while (i < end && data[k] === text.charCodeAt(i)) {
        i++;
        k++;
      }
      if (i === end) return entry1 - 1;
    }
  }

  /** Adds `text[start, end)` (not present) with term ids `ids[0..count)`; returns its entry. */
  insert(text: string, start: number, end: number, hash: number, ids: Int32Array, count: number): number {
    const length = end - start;
    const need = this.dataLength + 1 + count + length;
    if (need > this.data.length) {
      const next = new Int32Array(Math.max(this.data.length * 2, need));
      next.set(this.data.subarray(0, this.dataLength));
      this.data = next;
    }
    const data = this.data;
    const entry = this.dataLength;
    data[entry] = count;
    for (let k = 0; k < count; k++) data[entry + 1 + k] = ids[k]!;
    for (let i = 0; i < length; i++) data[entry + 1 + count + i] = text.charCodeAt(start + i);
    this.dataLength = need;
    if ((this.size + 1) * 2 > this.capacity) this.rehash(this.capacity * 2);
    this.place(hash, entry + 1, length);
    this.size++;
    return entry;
  }

  private place(hash: number, entry1: number, length: number): void {
    const slots = this.slots;
    const mask = this.capacity - 1;
    let slot = hash & mask;
    while (slots[slot * 3 + 1] !== 0) slot = (slot + 1) & mask;
    const at = slot * 3;
    slots[at] = hash;
    slots[at + 1] = entry1;
    slots[at + 2] = length;
  }

  private rehash(capacity: number): void {
    const old = this.slots;
    this.slots = new Int32Array(3 * capacity);
    this.capacity = capacity;
    for (let at = 0; at < old.length; at += 3) {
      if (old[at + 1] !== 0) this.place(old[at]!, old[at + 1]!, old[at + 2]!);
    }
  }
}
