/** Checks every report diagram must pass (README, "Diagrams": Office-safe, legible, deterministic). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';
import { XMLValidator } from 'fast-xml-parser';
import { expect } from 'vitest';
import { overlaps, type TextBox } from '../../viz/svg/text.js';

/** Constructs Word, LibreOffice or Inkscape drop or misdraw. */
const NOT_OFFICE_SAFE = [/<style/i, /\bclass=/, /foreignObject/, /currentColor/, /var\(/, /rgba\(/, /\btransform=/, /dominant-baseline/, /<script/i, /<image/i, /@font-face/, /xlink:href|\shref=/];

export function expectOfficeSafe(svg: string): void {
  expect(XMLValidator.validate(svg)).toBe(true);
  expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg" version="1.1" width="[\d.]+" height="[\d.]+" viewBox="0 0 [\d.]+ [\d.]+"/);
  expect(svg).toMatch(/<title>[^<]+<\/title>\n<desc>[^<]+<\/desc>/);
  for (const pattern of NOT_OFFICE_SAFE) expect(svg).not.toMatch(pattern);
}

/** Whether the tests run under CI, where goldens are only ever compared. */
const underCi = (): boolean => (process.env.CI ?? '') !== '' && process.env.CI !== 'false' && process.env.CI !== '0';

/**
 * The picture matches its golden file. A missing golden fails: a golden is made on purpose, looked
 * at as a PNG (rsvg-convert -w 1400 x.svg -o x.png) and then written with UPDATE_GOLDEN=1 npm test,
 * which CI refuses, so a golden can never be compared with itself.
 */
export function expectGolden(name: string, svg: string): void {
  const file = join('tests/golden', name);
  if (process.env.UPDATE_GOLDEN === '1') {
    if (underCi()) throw new Error(`UPDATE_GOLDEN is refused under CI: goldens are written on purpose, after looking at them (${file})`);
    writeFileSync(file, svg);
  }
  if (!existsSync(file)) {
    throw new Error(`${file} is missing: render the picture, look at it as a PNG, then write it with UPDATE_GOLDEN=1 npm test`);
  }
  expect(svg).toBe(readFileSync(file, 'utf8'));
}

export function expectNoOverlap(boxes: readonly TextBox[]): void {
  // Every diagram writes at least its title: no boxes means the boxes were not collected.
  expect(boxes.length, 'no text boxes to check').toBeGreaterThan(0);
  for (let a = 0; a < boxes.length; a++) {
    for (let b = a + 1; b < boxes.length; b++) expect(overlaps(boxes[a]!, boxes[b]!), `"${boxes[a]!.text}" overlaps "${boxes[b]!.text}"`).toBe(false);
  }
}

/** No text over other text, and none off the picture (a `width` × `height` layout). */
export function expectTextFits(boxes: readonly TextBox[], width: number, height: number): void {
  expectNoOverlap(boxes);
  for (const b of boxes) {
    expect(b.x, `"${b.text}" starts left of the picture`).toBeGreaterThanOrEqual(0);
    expect(b.x + b.width, `"${b.text}" runs off the right of the picture`).toBeLessThanOrEqual(width + 0.01);
    expect(b.y, `"${b.text}" is above the picture`).toBeGreaterThanOrEqual(0);
    expect(b.y + b.height, `"${b.text}" is below the picture`).toBeLessThanOrEqual(height + 0.01);
  }
}

/** Font sizes in the SVG, all at least `min` px. */
export function expectFontsAtLeast(svg: string, min: number): void {
  const sizes = [...svg.matchAll(/font-size="([\d.]+)"/g)].map((m) => Number(m[1]));
  expect(sizes.length).toBeGreaterThan(0);
  expect(Math.min(...sizes)).toBeGreaterThanOrEqual(min);
}

/**
 * Drawn by librsvg (rsvg-convert, installed by .ci/run) without a word of complaint, and by resvg, not blank.
 * `npm run mutate` leaves the drawing out: no mutated file (analysis, timeline, RCA, dates) is
 * reached by it, and it is the slowest step of the suite; `npm test` always draws.
 */
export function expectRenders(svg: string): void {
  expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
  if (process.env.THROUGHLINE_MUTATE === '1') return;
  const dir = mkdtempSync(join(tmpdir(), 'throughline-svg-'));
  try {
    writeFileSync(join(dir, 'picture.svg'), svg);
    const r = spawnSync('rsvg-convert', ['-o', join(dir, 'picture.png'), join(dir, 'picture.svg')], { encoding: 'utf8' });
    expect(r.error, 'rsvg-convert is installed by .ci/run (Debian librsvg2-bin)').toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(statSync(join(dir, 'picture.png')).size).toBeGreaterThan(1000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const pixels = new Resvg(svg).render().pixels;
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! + pixels[i + 1]! + pixels[i + 2]! < 600) dark++;
  expect(dark / (pixels.length / 4)).toBeGreaterThan(0.01);
}
