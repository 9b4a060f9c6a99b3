/**
 * axe-core in the page, written once for both browser drivers (playwright-core's Chromium in
 * browser.ts, puppeteer-core's Firefox in firefox.ts): each evaluates `axeSource`, then
 * `axeInPage`, and keeps the impacts a journey fails on.
 */
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

/** axe-core's own script, evaluated in the page (never fetched: nothing leaves the machine). */
export const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation { id: string; impact: string | null; help: string; nodes: number; targets: string[] }

/** The impacts a journey fails on unless it asks for others. */
export const SERIOUS = ['serious', 'critical'] as const;

/**
 * Runs in the page, after `axeSource`: every violation with the first five of its nodes. It is
 * sent to the browser as its source text, so it may use nothing from this module.
 */
export async function axeInPage(): Promise<AxeViolation[]> {
  const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }> }> } }).axe.run(document, { resultTypes: ['violations'] });
  return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.length, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}
