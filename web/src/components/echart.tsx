import { Box } from '@mantine/core';
import { BarChart, LineChart } from 'echarts/charts';
import { DatasetComponent, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import { init, use as registerECharts } from 'echarts/core';
import type { EChartsCoreOption, EChartsType } from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

registerECharts([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, DatasetComponent, MarkLineComponent, SVGRenderer]);

/** Text style shared by every chart, matching the page font. */
export const CHART_TEXT = { fontFamily: "'Inter Variable', system-ui, sans-serif", color: '#495057' };

interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  /** Called with the index of the clicked data point. */
  onPointClick?: (dataIndex: number, seriesIndex: number) => void;
  ariaLabel: string;
}

/** Renders an ECharts chart that follows its container's width. */
export function EChart({ option, height, onPointClick, ariaLabel }: EChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);
  const clickHandler = useRef(onPointClick);

  useEffect(() => {
    clickHandler.current = onPointClick;
  });

  useEffect(() => {
    const element = container.current;
    if (element === null) {
      return;
    }
    const instance = init(element, undefined, { renderer: 'svg', locale: 'EN' });
    chart.current = instance;
    instance.on('click', (params) => {
      const event = params as { dataIndex?: number; seriesIndex?: number };
      clickHandler.current?.(event.dataIndex ?? 0, event.seriesIndex ?? 0);
    });
    const observer = new ResizeObserver(() => {
      instance.resize();
    });
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption({ textStyle: CHART_TEXT, animationDuration: 300, ...option }, { notMerge: true });
  }, [option]);

  return <Box ref={container} h={height} w="100%" role="img" aria-label={ariaLabel} />;
}
