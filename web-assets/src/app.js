// ShopDojo front-end entry. Everything here must work under
// `script-src 'self'; style-src 'self'`: no eval, no inline handlers, no
// injected <style> elements. Templates attach behaviour through data-*
// attributes and the Alpine components registered below (CSP build: x-data
// names a registered component, directives name its properties/methods).
import htmx from 'htmx.org';
import Alpine from '@alpinejs/csp';
import { initCharts, mountCharts, unmountCharts } from './charts.js';
import { registerComponents } from './components.js';
import { initBehaviours } from './behaviours.js';
import { initExam } from './exam.js';

htmx.config.allowEval = false;
htmx.config.includeIndicatorStyles = false;
htmx.config.allowScriptTags = false;
htmx.config.selfRequestsOnly = true;
window.htmx = htmx;

document.documentElement.classList.add('js');

registerComponents(Alpine);
window.Alpine = Alpine;

initBehaviours();
initCharts();

// Dispose charts before htmx removes their elements, and mount new ones after a swap settles.
document.addEventListener('htmx:beforeSwap', (e) => {
  const target = e.detail && e.detail.target;
  if (target && e.detail.shouldSwap !== false) unmountCharts(target);
});
document.addEventListener('htmx:beforeCleanupElement', (e) => unmountCharts(e.target));
document.addEventListener('htmx:afterSettle', () => mountCharts(document));
document.addEventListener('htmx:historyRestore', () => mountCharts(document));

function start() {
  Alpine.start();
  initExam();
  mountCharts(document);
}

// Works whether the bundle is loaded with `defer` or at the end of <body>.
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', start, { once: true });
} else {
  start();
}
