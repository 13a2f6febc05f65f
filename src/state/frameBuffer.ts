/**
 * Collects items (progress events) and hands them over in one batch per animation frame, so a
 * burst of worker messages costs the page one store update and one render.
 */
export class FrameBuffer<T> {
  private items: T[] = [];
  private scheduled = false;

  constructor(
    private readonly schedule: (callback: () => void) => void,
    private readonly apply: (items: T[]) => void,
  ) {}

  push(item: T): void {
    this.items.push(item);
    if (this.scheduled) return;
    this.scheduled = true;
    this.schedule(() => this.flush());
  }

  /** Applies whatever is waiting now (also called when a run ends, before its final state). */
  flush(): void {
    this.scheduled = false;
    if (this.items.length === 0) return;
    const items = this.items;
    this.items = [];
    this.apply(items);
  }
}
