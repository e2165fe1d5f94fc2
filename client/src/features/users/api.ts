import { usersApi, type CreateUserBody, type UpdateUserBody } from '@autonomic/api';
import { api } from '../../api/client';

export const listUsers = () => api(usersApi.list, {});

export const createUser = (body: CreateUserBody) => api(usersApi.create, { body });

export const updateUser = (id: string, body: UpdateUserBody) => api(usersApi.update, { params: { id }, body });
