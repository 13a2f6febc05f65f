import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartPalette } from '../theme/theme';
import type { ChartMarker } from './chartData';
import { layoutMarkers } from './markerLayout';

interface Props {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  /** uPlot's columns: x first, then one per series. */
  data: uPlot.AlignedData;
  markers: ChartMarker[];
  /** Marker colours (the theme's); the series' and axes' are in `options`. */
  palette: ChartPalette;
  height?: number;
}

/**
 * A thin React wrapper: uPlot draws on a canvas and is updated in place (setData), never
 * re-created per update. Creating and redrawing happen in a task of their own per chart (a
 * setTimeout), so two charts never add up to one long main-thread task, and a burst of updates
 * costs one redraw.
 */
export function UPlotChart({ options, data, markers, palette, height = 220 }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const latest = useRef({ data, markers, palette });
  latest.current = { data, markers, palette };
  const redrawTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    let u: uPlot | null = null;
    let resize: ResizeObserver | null = null;
    const create = setTimeout(() => {
      u = new uPlot(
        { ...options, width: Math.max(200, el.clientWidth), height, hooks: { ...options.hooks, draw: [...(options.hooks?.draw ?? []), (p) => drawMarkers(p, latest.current.markers, latest.current.palette)] } },
        latest.current.data,
        el,
      );
      plot.current = u;
      const created = u;
      resize = new ResizeObserver(() => created.setSize({ width: Math.max(200, el.clientWidth), height }));
      resize.observe(el);
    }, 0);
    return () => {
      clearTimeout(create);
      resize?.disconnect();
      u?.destroy();
      plot.current = null;
    };
  }, [options, height]);

  useEffect(() => {
    if (redrawTimer.current !== null) return; // one redraw already queued will use the latest data
    redrawTimer.current = setTimeout(() => {
      redrawTimer.current = null;
      plot.current?.setData(latest.current.data);
    }, 0);
  }, [data, markers]);

  useEffect(
    () => () => {
      if (redrawTimer.current !== null) clearTimeout(redrawTimer.current);
    },
    [],
  );

  return <div ref={container} className="uplot-host" aria-hidden="true" style={{ minHeight: height }} />;
}

/** Dashed vertical lines with a label (the kept epoch, an early stop), labels laid out so none overlap. */
function drawMarkers(u: uPlot, markers: ChartMarker[], palette: ChartPalette): void {
  if (markers.length === 0) return;
  const ctx = u.ctx;
  const { top, height: h, left, width } = u.bbox;
  const px = devicePixelRatio;
  ctx.save();
  ctx.strokeStyle = palette.marker;
  ctx.fillStyle = palette.markerText;
  ctx.lineWidth = 1.5 * px;
  ctx.setLineDash([5 * px, 4 * px]);
  ctx.font = `${12 * px}px system-ui, sans-serif`;
  // Canvas pixels throughout (bbox and valToPos(…, true) are in them); the layout's gaps are in
  // CSS pixels, close enough at any ratio.
  const placed = layoutMarkers(
    markers.map((m) => ({ x: u.valToPos(m.x, 'x', true), label: m.label, width: ctx.measureText(m.label).width })),
    { left, right: left + width },
  );
  for (const m of placed) {
    ctx.beginPath();
    ctx.moveTo(m.x, top);
    ctx.lineTo(m.x, top + h);
    ctx.stroke();
    ctx.fillText(m.label, m.textX, top + (14 + m.row * 16) * px);
  }
  ctx.restore();
}
