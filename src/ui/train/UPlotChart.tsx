import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ChartColumns, ChartMarker } from './chartData';

interface Props {
  options: Omit<uPlot.Options, 'width' | 'height'>;
  data: ChartColumns;
  markers: ChartMarker[];
  height?: number;
}

/**
 * A thin React wrapper: uPlot draws on a canvas and is updated in place (setData), never
 * re-created per update, so per-frame progress costs a redraw and no React work inside the chart.
 */
export function UPlotChart({ options, data, markers, height = 220 }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const markersRef = useRef(markers);
  markersRef.current = markers;

  useEffect(() => {
    const el = container.current;
    if (!el) return;
    const drawMarkers = (u: uPlot) => {
      const ctx = u.ctx;
      const { top, height: h } = u.bbox;
      ctx.save();
      ctx.strokeStyle = '#6b7280';
      ctx.fillStyle = '#374151';
      ctx.lineWidth = 1.5 * devicePixelRatio;
      ctx.setLineDash([5 * devicePixelRatio, 4 * devicePixelRatio]);
      ctx.font = `${12 * devicePixelRatio}px system-ui, sans-serif`;
      markersRef.current.forEach((m, i) => {
        const x = u.valToPos(m.x, 'x', true);
        ctx.beginPath();
        ctx.moveTo(x, top);
        ctx.lineTo(x, top + h);
        ctx.stroke();
        ctx.fillText(m.label, x + 4 * devicePixelRatio, top + (14 + i * 16) * devicePixelRatio);
      });
      ctx.restore();
    };
    const u = new uPlot(
      { ...options, width: Math.max(200, el.clientWidth), height, hooks: { ...options.hooks, draw: [...(options.hooks?.draw ?? []), drawMarkers] } },
      data,
      el,
    );
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: Math.max(200, el.clientWidth), height }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Re-created only when the options change; data flows in through setData below.
  }, [options, height]);

  useEffect(() => {
    plot.current?.setData(data);
  }, [data]);

  useEffect(() => {
    plot.current?.redraw(false, false);
  }, [markers]);

  return <div ref={container} className="uplot-host" aria-hidden="true" />;
}
