/** The user directory (everyone signed in) and user administration (admin). */
import { z } from 'zod';
import { CreateUserSchema, UpdateUserSchema } from '../../services/auth';
import type { RouteModule } from '../app';
import { UserSummaryResponse, type AuthDeps } from './auth';

const UserResponse = UserSummaryResponse.extend({ disabled: z.boolean(), createdAt: z.iso.datetime() });

export function userRoutes({ auth }: AuthDeps): RouteModule {
  return (api) => {
    api.add(
      {
        method: 'get',
        path: '/users/directory',
        summary: 'Enabled users, reduced to id, username, display name and role (to pick reviewers)',
        tag: 'users',
        access: 'authenticated',
        response: z.object({ users: z.array(UserSummaryResponse) }),
      },
      async () => ({ users: await auth.users.directory() }),
    );

    api.add(
      {
        method: 'get',
        path: '/users',
        summary: 'All users, disabled ones included',
        tag: 'users',
        access: ['admin'],
        response: z.object({ users: z.array(UserResponse) }),
      },
      async () => ({ users: await auth.users.list() }),
    );

    api.add(
      {
        method: 'post',
        path: '/users',
        summary: 'Create a user (password: at least 12 characters)',
        tag: 'users',
        access: ['admin'],
        body: CreateUserSchema,
        response: UserResponse,
        status: 201,
      },
      ({ actor, body }) => auth.users.create(actor, body),
    );

    api.add(
      {
        method: 'patch',
        path: '/users/:id',
        summary: 'Change display name, role, disabled flag or password; admins cannot disable or demote themselves',
        tag: 'users',
        access: ['admin'],
        params: z.object({ id: z.uuid() }),
        body: UpdateUserSchema,
        response: UserResponse,
      },
      ({ actor, params, body }) => auth.users.update(actor, params.id, body),
    );
  };
}
