// Every feature the app mounts, in order. To add routes (reports, dashboard…): write
// src/features/<name>/index.ts exporting a `Feature` (see src/http/feature.ts), import it here
// and add it to the list. Routers under /api/v1 get the caller in res.locals.principal (see
// src/http/auth.ts); routers elsewhere (the dashboard at '/') are public unless they use
// `authenticate` themselves. Their `docs` appear in /api/v1/openapi.json.
import type { Feature } from '../http/feature.ts';
import { adminFeature } from './admin/index.ts';
import { clustersFeature } from './clusters/index.ts';
import { dashboardFeature } from './dashboard/index.ts';
import { healthFeature } from './health/index.ts';
import { importsFeature } from './imports/index.ts';
import { itemsFeature } from './items/index.ts';
import { lifecycleFeature } from './lifecycle/index.ts';
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
  lifecycleFeature,
  dashboardFeature,
];
