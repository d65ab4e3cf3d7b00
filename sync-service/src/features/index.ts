// Every feature the app mounts, in order. To add routes: declare each with `route(spec, handler)`
// (src/http/route.ts) in src/features/<name>/index.ts, export `feature({ name, mount, routes })`
// (src/http/feature.ts), and add it to this list. Routes under /api/v1 are behind the Bearer token
// (src/http/auth.ts); the handler gets its caller as `principal`. Routes elsewhere (the dashboard
// at '/') are public unless their `use` signs the reader in. /api/v1/openapi.json is built from
// the same specs.
import type { Feature } from '../http/feature.ts';
import { adminFeature } from './admin/index.ts';
import { clustersFeature } from './clusters/index.ts';
import { dashboardFeature } from './dashboard/index.ts';
import { healthFeature } from './health/index.ts';
import { importsFeature } from './imports/index.ts';
import { itemsFeature } from './items/index.ts';
import { lifecycleFeature } from './lifecycle/index.ts';
import { calendarFeature } from './remind/calendar.ts';
import { remindFeature } from './remind/index.ts';
import { reportsFeature } from './reports/index.ts';
import { syncFeature } from './sync/index.ts';

export const features: readonly Feature[] = [
  healthFeature,
  syncFeature,
  importsFeature,
  itemsFeature,
  reportsFeature,
  clustersFeature,
  adminFeature,
  remindFeature,
  calendarFeature,
  lifecycleFeature,
  dashboardFeature,
];
