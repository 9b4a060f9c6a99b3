/** `npm test`'s own setup (pretest): it asks for tools, not for a package manager. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A PATH holding only the named commands, found where this machine has them. */
function pathWith(commands: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'throughline-path-'));
  made.push(dir);
  for (const c of commands) {
    const found = spawnSync('bash', ['-c', `command -v ${c}`], { encoding: 'utf8' }).stdout.trim();
    expect(found, c).not.toBe('');
    symlinkSync(found, join(dir, c));
  }
  return dir;
}

const BASICS = ['bash', 'grep', 'find', 'id', 'fc-list', 'cat'];
/** What the report tests use beside the browsers: LibreOffice and poppler's pdftotext. */
const OFFICE = ['libreoffice', 'pdftotext'];
const run = (path: string, env: Record<string, string> = {}): { status: number | null; stderr: string } => {
  const r = spawnSync(join(path, 'bash'), ['tests/setup/ensure-tools.sh'], { encoding: 'utf8', env: { PATH: path, HOME: process.env.HOME ?? '/root', ...env } });
  return { status: r.status, stderr: r.stderr };
};

describe('tests/setup/ensure-tools.sh', () => {
  const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const firefox = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  it('passes on a machine without dpkg or apt-get when rsvg-convert, the Liberation fonts, Chromium, Firefox, LibreOffice and pdftotext are there', () => {
    const r = run(pathWith([...BASICS, 'rsvg-convert', ...OFFICE]), { CHROMIUM_PATH: chromium, FIREFOX_PATH: firefox, LIBREOFFICE_PATH: '/nonexistent/libreoffice' });
    expect(r).toEqual({ status: 0, stderr: '' });
  });
  it('without rsvg-convert and without apt-get, says what to install and fails', () => {
    const r = run(pathWith(BASICS));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^npm test needs rsvg-convert, the Liberation \(or Arimo\) fonts, Chromium \(at \/usr\/bin\/chromium,\nor set CHROMIUM_PATH\), Firefox \(at \/usr\/bin\/firefox-esr or as firefox on the PATH, or set\nFIREFOX_PATH\), LibreOffice \(libreoffice or soffice on the PATH, or set LIBREOFFICE_PATH\) and\npdftotext \(poppler\):\n  Debian\/Ubuntu: sudo apt-get install librsvg2-bin fonts-liberation chromium firefox-esr libreoffice-writer-nogui poppler-utils\n  Fedora: .* libreoffice-writer poppler-utils\n  macOS: .* libreoffice\n$/);
  });
  it('with everything but Chromium (CHROMIUM_PATH names nothing), and no apt-get, fails saying so', () => {
    const r = run(pathWith([...BASICS, 'rsvg-convert', ...OFFICE]), { CHROMIUM_PATH: '/nonexistent/chromium', FIREFOX_PATH: firefox });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('sudo apt-get install librsvg2-bin fonts-liberation chromium firefox-esr libreoffice-writer-nogui poppler-utils');
  });
  it('with everything but Firefox (FIREFOX_PATH names nothing, no firefox on the PATH), and no apt-get, fails saying so', () => {
    const r = run(pathWith([...BASICS, 'rsvg-convert', ...OFFICE]), { CHROMIUM_PATH: chromium, FIREFOX_PATH: '/nonexistent/firefox' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Firefox (at /usr/bin/firefox-esr or as firefox on the PATH, or set\nFIREFOX_PATH)');
  });
  it('takes a firefox on the PATH when FIREFOX_PATH names nothing', () => {
    const path = pathWith([...BASICS, 'rsvg-convert', ...OFFICE]);
    symlinkSync(firefox, join(path, 'firefox'));
    const r = run(path, { CHROMIUM_PATH: chromium, FIREFOX_PATH: '/nonexistent/firefox' });
    expect(r).toEqual({ status: 0, stderr: '' });
  });
  it('with everything but LibreOffice (none on the PATH, LIBREOFFICE_PATH names nothing), and no apt-get, fails saying so; soffice will do', () => {
    const r = run(pathWith([...BASICS, 'rsvg-convert', 'pdftotext']), { CHROMIUM_PATH: chromium, FIREFOX_PATH: firefox, LIBREOFFICE_PATH: '/nonexistent/libreoffice' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('LibreOffice (libreoffice or soffice on the PATH, or set LIBREOFFICE_PATH)');
    const path = pathWith([...BASICS, 'rsvg-convert', 'pdftotext']);
    symlinkSync(spawnSync('bash', ['-c', 'command -v libreoffice'], { encoding: 'utf8' }).stdout.trim(), join(path, 'soffice'));
    expect(run(path, { CHROMIUM_PATH: chromium, FIREFOX_PATH: firefox, LIBREOFFICE_PATH: '/nonexistent/libreoffice' })).toEqual({ status: 0, stderr: '' });
  });
  it('with everything but pdftotext, and no apt-get, fails', () => {
    const r = run(pathWith([...BASICS, 'rsvg-convert', 'libreoffice']), { CHROMIUM_PATH: chromium, FIREFOX_PATH: firefox });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('pdftotext (poppler)');
  });
});
