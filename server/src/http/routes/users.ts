/** The user directory (everyone signed in) and user administration (admin). Contract: `usersApi`. */
import { usersApi } from '@autonomic/api';
import type { RouteModule } from '../app';
import type { AuthDeps } from './auth';

export function userRoutes({ auth }: AuthDeps): RouteModule {
  return (api) => {
    api.add(usersApi.directory, async () => ({ users: await auth.users.directory() }));
    api.add(usersApi.list, async () => ({ users: await auth.users.list() }));
    api.add(usersApi.create, ({ actor, body }) => auth.users.create(actor, body));
    api.add(usersApi.update, ({ actor, params, body }) => auth.users.update(actor, params.id, body));
  };
}
