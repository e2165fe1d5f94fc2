/** Every route contract, by area. A route the server registers must come from here. */
import { layoutApi } from './layout';

export * from './common';
export * from './layout';

export const ROUTES = {
  layout: layoutApi,
} as const;
