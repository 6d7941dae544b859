// exceljs (with its zip, XML and stream libraries) is loaded on the first workbook read, not when a
// module that can read one is imported (Rectify writes its workbooks itself: xlsx/table-workbook.ts):
// the API, the worker and every plan reading thread start without it, and a JSON or YAML plan never
// loads it.
export function loadExcelJs(): typeof import('exceljs') {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('exceljs') as typeof import('exceljs');
}
