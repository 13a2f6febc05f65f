import { describe, expect, it } from 'vitest';
import { layoutMarkers, type PlacedMarker } from './markerLayout';

const PLOT = { left: 50, right: 650 };
const noOverlap = (placed: PlacedMarker[]) =>
  placed.every((a, i) => placed.every((b, j) => i === j || a.row !== b.row || a.textX + a.width <= b.textX || b.textX + b.width <= a.textX));
const inside = (placed: PlacedMarker[]) => placed.every((p) => p.textX >= PLOT.left && p.textX + p.width <= PLOT.right);

describe('layoutMarkers', () => {
  it('puts a lone label right of its line', () => {
    expect(layoutMarkers([{ x: 100, label: 'kept (epoch 1)', width: 90 }], PLOT)).toEqual([{ x: 100, label: 'kept (epoch 1)', width: 90, textX: 106, row: 0 }]);
  });

  it('the issue’s case: "kept (epoch 1)" and "stopped early" one epoch apart on a narrow axis never overlap', () => {
    // Epoch 1 and 2 of a 2-epoch axis on a 600 px plot: 300 px apart; and squeezed to 40 px apart.
    for (const gap of [300, 40, 0]) {
      const placed = layoutMarkers(
        [
          { x: 350, label: 'kept (epoch 1)', width: 90 },
          { x: 350 + gap, label: 'stopped early', width: 85 },
        ].map((m) => ({ ...m, x: Math.min(m.x, 640) })),
        PLOT,
      );
      expect(noOverlap(placed)).toBe(true);
      expect(inside(placed)).toBe(true);
    }
  });

  it('uses the left side at the right edge before taking a new row', () => {
    const placed = layoutMarkers(
      [
        { x: 560, label: 'kept (epoch 4)', width: 90 },
        { x: 650, label: 'stopped by you', width: 95 },
      ],
      PLOT,
    );
    expect(placed.map((p) => p.row)).toEqual([0, 1]);
    expect(placed[1].textX).toBe(650 - 6 - 95);
    expect(noOverlap(placed)).toBe(true);
    expect(inside(placed)).toBe(true);
  });

  it('keeps a label inside a plot too narrow for either side', () => {
    const [placed] = layoutMarkers([{ x: 60, label: 'stopped early', width: 85 }], { left: 50, right: 120 });
    expect(placed.textX).toBe(50);
  });
});
