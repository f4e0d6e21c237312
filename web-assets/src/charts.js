// ECharts glue: every `.chart[data-chart-src]` gets its option from a
// <script type="application/json" id="…"> tag, because the page's CSP forbids
// inline scripts and JSON script tags are never executed. Only the chart types
// and components listed here are bundled (tree-shaken through echarts/core).
import * as echarts from 'echarts/core';
import { FunnelChart, LineChart, BarChart, PieChart, RadarChart, HeatmapChart } from 'echarts/charts';
import {
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  VisualMapComponent,
  DatasetComponent,
  MarkLineComponent,
  MarkAreaComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  FunnelChart,
  LineChart,
  BarChart,
  PieChart,
  RadarChart,
  HeatmapChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  VisualMapComponent,
  DatasetComponent,
  MarkLineComponent,
  MarkAreaComponent,
  SVGRenderer,
]);

// Keep in step with --chart-* and the grey scale in internal/web/static/css/tokens.css.
const palette = ['#3b5bdb', '#12b886', '#f59f00', '#ae3ec9', '#1c7ed6', '#f76707', '#0ca678', '#e64980'];
const font =
  '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Helvetica Neue", Arial, sans-serif';
const text = '#3d434e';
const muted = '#6f7785';
const line = '#eef0f3';
const axis = '#dcdfe5';

const axisTheme = {
  axisLine: { show: true, lineStyle: { color: axis } },
  axisTick: { show: false },
  axisLabel: { color: muted, fontSize: 12 },
  splitLine: { show: true, lineStyle: { color: line } },
  splitArea: { show: false },
};

echarts.registerTheme('shopdojo', {
  color: palette,
  backgroundColor: 'transparent',
  textStyle: { fontFamily: font, color: text },
  title: {
    left: 0,
    textStyle: { fontFamily: font, color: '#16191f', fontSize: 14, fontWeight: 600 },
    subtextStyle: { color: muted, fontSize: 12 },
  },
  legend: { textStyle: { color: text, fontSize: 12 }, itemWidth: 10, itemHeight: 10, icon: 'roundRect', itemGap: 16 },
  tooltip: {
    backgroundColor: 'rgba(255,255,255,0.98)',
    borderColor: '#e6e8ec',
    borderWidth: 1,
    padding: [8, 12],
    textStyle: { color: text, fontSize: 12, fontFamily: font },
    confine: true,
    extraCssText: 'box-shadow:0 8px 24px -6px rgba(16,24,40,.18);border-radius:8px;',
  },
  categoryAxis: Object.assign({}, axisTheme, { splitLine: { show: false } }),
  valueAxis: Object.assign({}, axisTheme, { axisLine: { show: false } }),
  timeAxis: axisTheme,
  logAxis: axisTheme,
  line: { symbol: 'circle', symbolSize: 6, smooth: false, lineStyle: { width: 2 } },
  bar: { barMaxWidth: 32, itemStyle: { borderRadius: [4, 4, 0, 0] } },
  pie: { itemStyle: { borderColor: '#fff', borderWidth: 2 } },
  funnel: { itemStyle: { borderColor: '#fff', borderWidth: 1 }, label: { color: '#fff' } },
  radar: {
    axisName: { color: muted },
    splitLine: { lineStyle: { color: axis } },
    splitArea: { areaStyle: { color: ['#fbfbfd', '#ffffff'] } },
    axisLine: { lineStyle: { color: axis } },
  },
  visualMap: { color: ['#3b5bdb', '#dfe6fd'], textStyle: { color: muted } },
});

// A few named number formats, since JSON options cannot carry functions.
const formats = {
  number: (v) => fmt(v, {}),
  percent: (v) => fmt(v, { style: 'percent', maximumFractionDigits: 1 }),
  currency: (v) => fmt(v, { style: 'currency', currency: 'CNY', maximumFractionDigits: 2 }),
};

function fmt(v, opts) {
  if (typeof v !== 'number') return v == null ? '-' : String(v);
  try {
    return new Intl.NumberFormat(document.documentElement.lang || 'zh-CN', opts).format(v);
  } catch (e) {
    return String(v);
  }
}

function applyFormat(option, name) {
  const f = formats[name];
  if (!f) return;
  if (option.tooltip && option.tooltip.valueFormatter === undefined) option.tooltip.valueFormatter = f;
  for (const key of ['yAxis', 'xAxis']) {
    const axes = [].concat(option[key] || []);
    for (const a of axes) {
      if (a && a.type === 'value') a.axisLabel = Object.assign({ formatter: f }, a.axisLabel);
    }
  }
}

// ECharts' default tooltip markup carries style="" attributes, which the CSP
// refuses. This formatter builds the same content as DOM nodes with classes
// (styled in components.css); colour markers are set through CSSOM, which CSP allows.
function node(tag, cls, text) {
  const el = document.createElement(tag);
  el.className = cls;
  if (text != null) el.textContent = String(text);
  return el;
}

function colorOf(p) {
  return typeof p.color === 'string' ? p.color : palette[(p.dataIndex || 0) % palette.length];
}

function category(axis, i) {
  const a = [].concat(axis || [])[0];
  return a && Array.isArray(a.data) ? a.data[i] : i;
}

function valueOf(p) {
  const v = p.value;
  if (v === null || typeof v !== 'object') return v;
  const e = p.encode || {};
  const dims = e.value || (p.axisDim === 'x' ? e.y : p.axisDim === 'y' ? e.x : null) || e.y || e.x;
  if (Array.isArray(v)) {
    if (p.seriesType === 'heatmap') return v[2];
    return dims && dims.length ? v[dims[dims.length - 1]] : v[v.length - 1];
  }
  const names = p.dimensionNames || [];
  return dims && names[dims[0]] != null ? v[names[dims[0]]] : '';
}

function makeFormatter(option, tooltip) {
  const show = (v) => {
    if (typeof tooltip.valueFormatter === 'function') return tooltip.valueFormatter(v);
    return typeof v === 'number' ? fmt(v, { maximumFractionDigits: 2 }) : v == null ? '-' : String(v);
  };
  const row = (color, name, value, extra) => {
    const r = node('div', 'chart-tip-row');
    const m = node('span', 'chart-tip-marker');
    m.style.backgroundColor = color;
    r.append(m, node('span', 'chart-tip-name', name), node('span', 'chart-tip-value', value));
    if (extra) r.append(node('span', 'chart-tip-extra', extra));
    return r;
  };
  return (params) => {
    const list = [].concat(params);
    if (!list.length) return '';
    const box = node('div', 'chart-tip');
    const first = list[0];
    if (Array.isArray(params)) {
      box.append(node('div', 'chart-tip-title', first.axisValueLabel != null ? first.axisValueLabel : first.name));
      for (const p of list) box.append(row(colorOf(p), p.seriesName, show(valueOf(p))));
      return box;
    }
    const p = first;
    if (p.seriesType === 'radar') {
      const radar = [].concat(option.radar || [])[0] || {};
      box.append(node('div', 'chart-tip-title', p.name));
      (radar.indicator || []).forEach((ind, i) => {
        box.append(row(colorOf(p), ind.name, show(Array.isArray(p.value) ? p.value[i] : p.value)));
      });
      return box;
    }
    if (p.seriesType === 'heatmap' && Array.isArray(p.value)) {
      if (p.seriesName && !/^series\u0000?\d+$/.test(p.seriesName)) box.append(node('div', 'chart-tip-title', p.seriesName));
      const name = [category(option.xAxis, p.value[0]), category(option.yAxis, p.value[1])].join(' · ');
      box.append(row(colorOf(p), name, show(p.value[2])));
      return box;
    }
    if (p.seriesName && !/^series\u0000?\d+$/.test(p.seriesName) && p.seriesName !== p.name) {
      box.append(node('div', 'chart-tip-title', p.seriesName));
    }
    const pct = typeof p.percent === 'number' ? fmt(p.percent / 100, { style: 'percent', maximumFractionDigits: 1 }) : '';
    box.append(row(colorOf(p), p.name, show(valueOf(p)), pct));
    return box;
  };
}

const live = new Map(); // element → chart instance
let resizeObserver = null;

function locale() {
  return /^zh/i.test(document.documentElement.lang || 'zh') ? 'ZH' : 'EN';
}

function readOption(el) {
  const src = document.getElementById(el.dataset.chartSrc);
  if (!src) return null;
  try {
    return JSON.parse(src.textContent);
  } catch (e) {
    console.error('chart: bad JSON in #' + el.dataset.chartSrc, e);
    return null;
  }
}

function mount(el) {
  const existing = live.get(el);
  if (existing && !existing.isDisposed()) return;
  const option = readOption(el);
  if (!option) return;
  // A page restored from htmx's history cache carries the old SVG and instance id.
  el.removeAttribute('_echarts_instance_');
  el.textContent = '';
  if (!el.hasAttribute('role')) el.setAttribute('role', 'img');
  const chart = echarts.init(el, 'shopdojo', { renderer: 'svg', locale: locale() });
  if (option.tooltip === undefined) option.tooltip = { trigger: guessTrigger(option) };
  if (el.dataset.chartFormat) applyFormat(option, el.dataset.chartFormat);
  const tip = option.tooltip;
  if (tip && !Array.isArray(tip) && tip.formatter === undefined) tip.formatter = makeFormatter(option, tip);
  chart.setOption(option);
  live.set(el, chart);
  if (resizeObserver) resizeObserver.observe(el);
}

function guessTrigger(option) {
  const series = [].concat(option.series || []);
  return series.some((s) => s && (s.type === 'line' || s.type === 'bar')) ? 'axis' : 'item';
}

function unmount(el) {
  const chart = live.get(el);
  if (!chart) return;
  live.delete(el);
  if (resizeObserver) resizeObserver.unobserve(el);
  if (!chart.isDisposed()) chart.dispose();
}

export function mountCharts(root) {
  const scope = root && root.querySelectorAll ? root : document;
  if (scope.matches && scope.matches('.chart[data-chart-src]')) mount(scope);
  scope.querySelectorAll('.chart[data-chart-src]').forEach(mount);
  // Drop instances whose element left the page without htmx telling us.
  for (const el of Array.from(live.keys())) if (!el.isConnected) unmount(el);
}

export function unmountCharts(root) {
  if (!root || !root.querySelectorAll) return;
  if (live.has(root)) unmount(root);
  root.querySelectorAll('.chart[data-chart-src]').forEach(unmount);
}

// A chart as a PNG file: the SVG on the page, drawn at twice its size
// on a white canvas under its title, so it pastes cleanly into a report.
// Buttons: <button data-chart-png="chart-id" data-chart-title="…" data-chart-file="…">.
function savePNG(button) {
  const el = document.querySelector('.chart[data-chart-src="' + button.dataset.chartPng + '"]');
  const chart = el && live.get(el);
  if (!chart || chart.isDisposed()) return;
  const scale = 2;
  const w = el.clientWidth;
  const h = el.clientHeight;
  const head = button.dataset.chartTitle ? 36 : 0;
  const svg = el.querySelector('svg');
  if (!svg) return;
  const url = URL.createObjectURL(new Blob([svg.outerHTML], { type: 'image/svg+xml' }));
  const img = new Image();
  img.onerror = () => URL.revokeObjectURL(url);
  img.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = (w + 32) * scale;
    canvas.height = (h + head + 32) * scale;
    const ctx = canvas.getContext('2d');
    ctx.scale(scale, scale);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, w + 32, h + head + 32);
    if (head) {
      ctx.fillStyle = '#16191f';
      ctx.font = '600 15px ' + font;
      ctx.fillText(button.dataset.chartTitle, 16, 30);
    }
    ctx.drawImage(img, 16, head + 16, w, h);
    URL.revokeObjectURL(url);
    canvas.toBlob((png) => {
      if (!png) return;
      const a = document.createElement('a');
      a.href = URL.createObjectURL(png);
      a.download = (button.dataset.chartFile || 'chart') + '.png';
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 5000);
    }, 'image/png');
  };
  img.src = url;
}

export function initCharts() {
  document.addEventListener('click', (e) => {
    const button = e.target.closest && e.target.closest('[data-chart-png]');
    if (button) savePNG(button);
  });
  if (typeof ResizeObserver === 'function') {
    resizeObserver = new ResizeObserver((entries) => {
      for (const e of entries) {
        const chart = live.get(e.target);
        if (chart && !chart.isDisposed()) chart.resize();
      }
    });
  }
  let pending = 0;
  window.addEventListener('resize', () => {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(() => live.forEach((c) => c.isDisposed() || c.resize()));
  });
}
