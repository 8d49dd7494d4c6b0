// Only the parts of ECharts that the survey charts use. The app (charming,
// compiled to WebAssembly) calls the global `echarts`.
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, PieChart, AriaComponent, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);
window.echarts = echarts;

// Saves a chart as a PNG file. The charts use the SVG renderer (crisp on
// every screen, parts reachable in the DOM), so the image is drawn from the
// chart's SVG onto a white canvas at twice the on-screen size.
window.ngoSaveChartPng = async (dom, filename) => {
  const chart = echarts.getInstanceByDom(dom);
  if (!chart) return false;
  const image = new Image();
  image.src = chart.getDataURL({ type: 'svg' });
  await image.decode();
  const scale = 2;
  const canvas = document.createElement('canvas');
  canvas.width = dom.clientWidth * scale;
  canvas.height = dom.clientHeight * scale;
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(image, 0, 0, canvas.width, canvas.height);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/png'));
  const link = document.createElement('a');
  link.href = URL.createObjectURL(blob);
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10000);
  return true;
};
