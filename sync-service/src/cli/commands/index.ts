// Every `cluster-sync` command. To add one: write commands/<name>.ts exporting a `Command`,
// import it here and put it in the list.
import type { Command } from '../command.ts';
import { clusterAdd, clusterList, clusterRemove } from './cluster.ts';
import { contactAdd, contactList, contactRemove } from './contact.ts';
import { departmentAdd, departmentList, departmentRemove } from './department.ts';
import { departmentSet } from './department-settings.ts';
import { documentArchive, documentList, documentUnarchive } from './document.ts';
import { importCommand } from './import.ts';
import { inspect } from './inspect.ts';
import { parseDeadlines } from './parse-deadlines.ts';
import { pull } from './pull.ts';
import { clusterUpdate, departmentUpdate, remind } from './remind.ts';
import { report } from './report.ts';
import { serve } from './serve.ts';
import { sourceAdd, sourceList, sourceRemove } from './source.ts';
import { tokenCreate, tokenList, tokenRevoke } from './token.ts';

export const commands: readonly Command[] = [
  inspect,
  parseDeadlines,
  serve,
  importCommand,
  clusterAdd,
  clusterList,
  clusterRemove,
  departmentAdd,
  departmentSet,
  departmentList,
  departmentRemove,
  documentList,
  documentArchive,
  documentUnarchive,
  tokenCreate,
  tokenList,
  tokenRevoke,
  sourceAdd,
  sourceList,
  sourceRemove,
  pull,
  report,
  clusterUpdate,
  departmentUpdate,
  contactAdd,
  contactList,
  contactRemove,
  remind,
];
