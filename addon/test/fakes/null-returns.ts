// Hand list beside the generated surface: the methods Apps Script's reference documents as
// returning null in some case, and that case. The types cannot say it (many are declared as
// returning the object), so the add-in must check these, and the fakes return null there.
export const DOCUMENTED_NULL_RETURNS: Record<string, string> = {
  'Spreadsheet.SpreadsheetApp.getActiveSpreadsheet': 'no container document (standalone or time-driven run)',
  'Spreadsheet.Spreadsheet.getSheetByName': 'no sheet has that name',
  'Spreadsheet.ConditionalFormatRule.getBooleanCondition': 'the rule is a gradient rule',
  'Spreadsheet.ConditionalFormatRule.getGradientCondition': 'the rule is a boolean rule',
  'Spreadsheet.BooleanCondition.getBackground': 'the rule sets no fill',
  'Spreadsheet.BooleanCondition.getFontColor': 'the rule sets no font colour',
  'Spreadsheet.BooleanCondition.getBold': 'the rule does not set bold',
  'Spreadsheet.Range.getDataValidation': 'the cell has no validation',
  'Spreadsheet.DeveloperMetadataLocation.getColumn': 'the metadata is not on a column',
  'Spreadsheet.DeveloperMetadataLocation.getRow': 'the metadata is not on a row',
  'Spreadsheet.DeveloperMetadataLocation.getSheet': 'the metadata is not on a sheet',
  'Properties.Properties.getProperty': 'no such key',
  'Cache.Cache.get': 'no such key, or it expired',
};
