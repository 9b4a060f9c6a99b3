/**
 * The command line read as throughline's own: an unknown option, a missing value or a value given
 * to a switch is a usage error that says what was wrong, the nearest valid option ("did you mean
 * --from?") and the command's usage line. Node's parser reads the tokens; every message is ours.
 */
import { parseArgs } from 'node:util';
import { UsageError } from './io.js';

export interface OptionSpec { type: 'string' | 'boolean'; multiple?: boolean; short?: string }
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type ValueOf<S extends OptionSpec> = S extends { type: 'boolean' } ? boolean : S extends { multiple: true } ? string[] : string;
export type OptionValues<O extends OptionSpecs> = { [K in keyof O]?: ValueOf<O[K]> };

/** The usage line of a command's help: its line that begins `Usage:`. */
export function usageLine(help: string): string {
  return help.split('\n').find((l) => l.startsWith('Usage:')) ?? help.split('\n', 1)[0]!;
}

/** Edit distance with adjacent transpositions (optimal string alignment), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The candidate a mistyped word most likely meant: the one it begins (`--inc` for
 * `--include-out-of-scope`) when only one does, else the nearest by edit distance when that is
 * at most a third of the word (at least 1, at most 3); ties go to the first listed. A word of two
 * letters or fewer (`-x`) is too short to say what it meant.
 */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  const starting = candidates.filter((c) => word.length >= 2 && c.startsWith(word));
  if (starting.length === 1) return starting[0];
  if (word.length <= 2) return undefined;
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const c of candidates) {
    const distance = editDistance(word, c);
    if (distance < bestDistance) { best = c; bestDistance = distance; }
  }
  return best;
}

const hint = (word: string, candidates: readonly string[]): string => {
  const n = nearest(word, candidates);
  return n === undefined ? '' : ` (did you mean ${n}?)`;
};

/** A usage error for `command`, ending in its usage line and where to find its help. */
function usage(message: string, command: string, help: string): UsageError {
  return new UsageError(`${message}\n${usageLine(help)}\n(throughline ${command} --help for every option)`);
}

/**
 * Parses a command's arguments against its options. Every problem is a UsageError naming the
 * option: unknown (with the nearest known), a value missing (or an option where the value should
 * be), a value given to a switch, a single-valued option given twice.
 */
export function parseCommand<O extends OptionSpecs>(command: string, argv: readonly string[], options: O, help: string): { values: OptionValues<O>; positionals: string[] } {
  const names = Object.keys(options);
  const known = names.map((n) => `--${n}`);
  const shorts = names.flatMap((n) => (options[n]!.short ? [`-${options[n]!.short!}`] : []));
  const { tokens } = parseArgs({ args: [...argv], options: options as NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>, allowPositionals: true, strict: false, tokens: true });
  const values: Record<string, string | boolean | string[]> = {};
  const positionals: string[] = [];
  for (const t of tokens) {
    if (t.kind === 'positional') { positionals.push(t.value); continue; }
    if (t.kind === 'option-terminator') continue;
    // Node has already turned a known short option (-o) into its long name.
    const written = t.rawName;
    const name = t.name;
    const spec = Object.hasOwn(options, name) ? options[name] : undefined;
    if (spec === undefined || (!written.startsWith('--') && written !== `-${spec.short}`)) {
      throw usage(`unknown option ${written}${hint(written, written.startsWith('--') ? known : [...shorts, ...known])}`, command, help);
    }
    if (spec.type === 'boolean') {
      if (t.value !== undefined) throw usage(`${written} is a switch and takes no value (got "${t.value}")`, command, help);
      values[name] = true;
      continue;
    }
    // A value that looks like an option, not written as --name=value, is an option: the value is missing.
    if (t.value === undefined || (!t.inlineValue && /^-(?!\d|$)/.test(t.value))) {
      throw usage(`${written} needs a value${t.value !== undefined ? `, but the next word is the option ${t.value}` : ''}`, command, help);
    }
    if (spec.multiple) {
      values[name] = [...((values[name] as string[] | undefined) ?? []), t.value];
    } else {
      if (values[name] !== undefined) throw usage(`${written} is given twice ("${values[name] as string}" and "${t.value}"); give it once`, command, help);
      values[name] = t.value;
    }
  }
  return { values: values as OptionValues<O>, positionals };
}

/** A word that is not one of a command's choices (a command, a diagram): the nearest one, and the usage line. */
export function unknownChoice(what: string, word: string, choices: readonly string[], help: string, command?: string): UsageError {
  return new UsageError(`unknown ${what} "${word}"${hint(word, choices)}\n${usageLine(help)}\n(${what}s: ${choices.join(', ')}; throughline ${command ? `${command} ` : ''}--help)`);
}
