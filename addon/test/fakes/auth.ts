// Authorization modes and execution contexts, enforced on every fake call (docs: "Authorization
// modes" of editor add-ons, "Restrictions" of simple triggers):
// - NONE (onOpen before the add-on is used in this document): only the menu/UI and HTML services;
//   no document, no PropertiesService, LockService, CacheService, UrlFetchApp, ScriptApp.
// - LIMITED (simple triggers, onOpen of an enabled add-on): the bound document and properties,
//   but nothing that needs the user's authorization: no UrlFetchApp, no ScriptApp triggers, no
//   opening other files, no advanced services (the Sheets API).
// - FULL: everything the manifest's scopes allow.
// A time-driven trigger runs in FULL but without a user interface; whether it has an "active"
// spreadsheet is not documented, so the fake gives it none (getActiveSpreadsheet returns null).

export type AuthMode = 'NONE' | 'LIMITED' | 'FULL';
export type ExecutionContext = 'menu' | 'simple' | 'time';

const NONE_ALLOWED = /^(Base\.(Ui|Menu|Session)|HTML\.\w+)\.|^Spreadsheet\.SpreadsheetApp\.getUi$/;
// Advanced services (Sheets…) need the user's full authorization: not in simple triggers.
const LIMITED_DENIED = /^(URL_Fetch\.\w+|Script\.\w+)\.|^Spreadsheet\.SpreadsheetApp\.open\w*$|^Sheets\./;
const NO_UI =
  /^(Base\.Ui|Base\.Menu)\.|^Spreadsheet\.SpreadsheetApp\.getUi$|^Spreadsheet\.Spreadsheet\.toast$/;

export function authGate(state: { authMode: AuthMode; context: ExecutionContext }) {
  return (cls: string, method: string): void => {
    const name = `${cls}.${method}`;
    const short = name.slice(name.indexOf('.') + 1);
    if (state.authMode === 'NONE' && !NONE_ALLOWED.test(name))
      throw new Error(`Exception: You do not have permission to call ${short} (AuthMode.NONE).`);
    if (state.authMode === 'LIMITED' && LIMITED_DENIED.test(name))
      throw new Error(
        `Exception: You do not have permission to call ${short}. Required permissions need full authorization (AuthMode.LIMITED).`,
      );
    if (state.context === 'time' && NO_UI.test(name))
      throw new Error(`Exception: Cannot call ${short} from this context.`);
  };
}
