// exceljs (with its zip, XML and stream libraries) is loaded on the first workbook read or written,
// not when a module that can handle workbooks is imported: the API, the worker and every plan
// reading thread start without it, and a JSON or YAML plan never loads it.
export function loadExcelJs(): typeof import('exceljs') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof import('exceljs');
}
