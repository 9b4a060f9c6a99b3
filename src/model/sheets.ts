/**
 * The name a workbook's sheet is read under, `police.xlsx [Incidents]`: it names the sheet in its
 * records' sources and its issues, as a file's name does. Excel allows no `[` or `]` in a sheet's
 * name, so the name says which workbook and which sheet.
 */

/** `police.xlsx` and `Incidents` → `police.xlsx [Incidents]`. */
export function sheetFileName(workbook: string, sheet: string): string {
  return `${workbook} [${sheet}]`;
}

/** The sheet `file` names when it is one of `workbook`'s sheets (`Incidents`), else undefined. */
export function sheetNameIn(file: string, workbook: string): string | undefined {
  return file.length > workbook.length + 3 && file.startsWith(`${workbook} [`) && file.endsWith(']') ? file.slice(workbook.length + 2, -1) : undefined;
}
