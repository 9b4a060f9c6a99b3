/**
 * LibreOffice as a report author's reader of the overview report: a DOCX turned into a PDF by
 * `libreoffice --headless --convert-to pdf` (with a profile of its own, so runs do not share a
 * lock), then read by poppler's pdftotext and pdfimages. Found as tests/setup/ensure-tools.sh
 * finds it: LIBREOFFICE_PATH, /usr/bin/libreoffice, then libreoffice or soffice on the PATH.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export function libreOffice(): string {
  const candidates = [process.env.LIBREOFFICE_PATH, '/usr/bin/libreoffice'].filter((c): c is string => c !== undefined);
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  for (const name of ['libreoffice', 'soffice']) {
    const onPath = spawnSync('bash', ['-c', `command -v ${name}`], { encoding: 'utf8' }).stdout.trim();
    if (onPath) return onPath;
  }
  throw new Error('LibreOffice not found: npm test\'s pretest says how to install it');
}

/** A DOCX as LibreOffice reads it: the PDF's text, its pages and its pictures (LibreOffice 7 draws a figure from its PNG fallback). */
export function openInLibreOffice(docx: Uint8Array): { text: string; pages: number; images: number } {
  const dir = mkdtempSync(join(tmpdir(), 'throughline-office-'));
  try {
    writeFileSync(join(dir, 'report.docx'), docx);
    const profile = pathToFileURL(join(dir, 'profile')).href;
    const r = spawnSync(libreOffice(), [`-env:UserInstallation=${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'report.docx')], { encoding: 'utf8', timeout: 180_000 });
    const pdf = join(dir, 'report.pdf');
    if (!existsSync(pdf)) throw new Error(`LibreOffice made no PDF (status ${r.status}): ${r.stderr}`);
    const text = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).stdout;
    const info = spawnSync('pdfinfo', [pdf], { encoding: 'utf8' }).stdout;
    const list = spawnSync('pdfimages', ['-list', pdf], { encoding: 'utf8' }).stdout;
    // pdfimages lists each picture once as `image` (and its transparency again as `smask`).
    return { text, pages: Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0), images: list.split('\n').filter((l) => /^\s*\d+\s+\d+\s+image\b/.test(l)).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
