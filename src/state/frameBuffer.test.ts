import { describe, expect, it } from 'vitest';
import { FrameBuffer } from './frameBuffer';

describe('FrameBuffer', () => {
  it('applies everything pushed before a frame in one call, and schedules one frame per burst', () => {
    const frames: (() => void)[] = [];
    const applied: number[][] = [];
    const buffer = new FrameBuffer<number>((cb) => frames.push(cb), (items) => applied.push(items));
    buffer.push(1);
    buffer.push(2);
    buffer.push(3);
    expect(frames).toHaveLength(1);
    expect(applied).toEqual([]);
    frames.shift()!();
    expect(applied).toEqual([[1, 2, 3]]);
    buffer.push(4);
    expect(frames).toHaveLength(1);
    buffer.flush();
    expect(applied).toEqual([[1, 2, 3], [4]]);
    // The frame scheduled for 4 finds nothing left and applies nothing.
    frames.shift()!();
    expect(applied).toHaveLength(2);
  });
});
