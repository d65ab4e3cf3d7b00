// Every `cluster-sync` command. To add one: write commands/<name>.ts exporting a `Command`,
// import it here and put it in the list.
import type { Command } from '../command.ts';
import { clusterAdd, clusterList } from './cluster.ts';
import { contactAdd, contactList, contactRemove } from './contact.ts';
import { departmentAdd } from './department.ts';
import { departmentSet } from './department-settings.ts';
import { importCommand } from './import.ts';
import { inspect } from './inspect.ts';
import { parseDeadlines } from './parse-deadlines.ts';
import { pull } from './pull.ts';
import { clusterUpdate, departmentUpdate, remind } from './remind.ts';
import { report } from './report.ts';
import { serve } from './serve.ts';
import { sourceAdd, sourceList } from './source.ts';
import { tokenCreate } from './token.ts';

export const commands: readonly Command[] = [
  inspect,
  parseDeadlines,
  serve,
  importCommand,
  clusterAdd,
  clusterList,
  departmentAdd,
  departmentSet,
  tokenCreate,
  sourceAdd,
  sourceList,
  pull,
  report,
  clusterUpdate,
  departmentUpdate,
  contactAdd,
  contactList,
  contactRemove,
  remind,
];
