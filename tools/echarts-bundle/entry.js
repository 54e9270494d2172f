// The ECharts that rapport runs in QuickJS: ECharts' own tree-shakable
// modules (`echarts/core`), with only the chart types, components and the
// renderer that rapport's chart kinds use (src/charts/kinds). Fewer
// registered components mean less work in every setOption call.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridSimpleComponent, LegendComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([SVGRenderer, LineChart, BarChart, PieChart, GridSimpleComponent, LegendComponent]);

globalThis.echarts = echarts;
