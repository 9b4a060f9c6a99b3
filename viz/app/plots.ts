/**
 * Observable Plot's figures made fit for this page: Plot writes a small stylesheet into every
 * figure, which the server's strict CSP (no inline style) would refuse, so it is taken out before
 * the figure joins the page and its rules live in style.css; and Plot labels each mark's group
 * for screen readers in a way ARIA does not allow on an element with no role, so the figure is
 * either one labelled image (with the same data as a table beside it) or hidden from assistive
 * technology where the table beside it is the accessible view.
 */
export function officeSafe<T extends Element>(figure: T, a11y: { label: string } | 'hidden'): T {
  for (const style of figure.querySelectorAll('style')) style.remove();
  for (const g of figure.querySelectorAll('g[aria-label]')) if (!g.hasAttribute('role')) g.removeAttribute('aria-label');
  // A figure with a legend holds the legend's svg first and the plot's last.
  const svg = figure instanceof SVGSVGElement ? figure : [...figure.querySelectorAll('svg')].pop();
  if (a11y === 'hidden') {
    figure.setAttribute('aria-hidden', 'true');
  } else if (svg) {
    svg.setAttribute('role', 'img');
    svg.setAttribute('aria-label', a11y.label);
  }
  return figure;
}
