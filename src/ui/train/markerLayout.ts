/**
 * Where the chart's marker labels go ("kept (epoch 2)", "stopped early"), in pixels, so that no
 * two labels overlap and none runs off the plot: each label sits beside its line, on the right if
 * it fits, else on the left, on the first row where it touches no label already placed.
 */
export interface MarkerToPlace {
  /** The marker line's position. */
  x: number;
  label: string;
  /** The label's measured width. */
  width: number;
}

export interface PlacedMarker extends MarkerToPlace {
  /** Left edge of the label. */
  textX: number;
  /** 0 = the top row. */
  row: number;
}

/** Space between a line and its label, and between two labels on a row. */
const GAP = 6;

const overlaps = (a: { textX: number; width: number }, b: { textX: number; width: number }) => a.textX < b.textX + b.width + GAP && b.textX < a.textX + a.width + GAP;

export function layoutMarkers(markers: readonly MarkerToPlace[], plot: { left: number; right: number }): PlacedMarker[] {
  const placed: PlacedMarker[] = [];
  const sorted = [...markers].sort((a, b) => a.x - b.x);
  for (const marker of sorted) {
    const sides = [marker.x + GAP, marker.x - GAP - marker.width].filter((textX) => textX >= plot.left && textX + marker.width <= plot.right);
    // A plot too narrow for either side: the label keeps inside it, as near its line as it can.
    if (sides.length === 0) sides.push(Math.max(plot.left, Math.min(marker.x + GAP, plot.right - marker.width)));
    for (let row = 0; ; row++) {
      const inRow = placed.filter((p) => p.row === row);
      const textX = sides.find((x) => inRow.every((p) => !overlaps({ textX: x, width: marker.width }, p)));
      if (textX !== undefined) {
        placed.push({ ...marker, textX, row });
        break;
      }
    }
  }
  return placed;
}
