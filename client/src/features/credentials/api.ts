import { connectorsApi, credentialsApi, type CreateCredentialBody } from '@autonomic/api';
import { api } from '../../api/client';

/** Every credential (never a value). */
export const listCredentials = () => api(credentialsApi.list, {});

/** The installed connectors, to choose one for a new credential. */
export const listConnectors = () => api(connectorsApi.list);

/** One connector's definition: its settings schema and how it authenticates. */
export const getConnector = (id: string) => api(connectorsApi.get, { params: { id } });

export const createCredential = (body: CreateCredentialBody) => api(credentialsApi.create, { body });

export const testCredential = (name: string) => api(credentialsApi.test, { params: { name } });

export const rotateCredential = (name: string, value: string) =>
  api(credentialsApi.rotate, { params: { name }, body: { value } });

export const deleteCredential = (name: string) => api(credentialsApi.remove, { params: { name } });

/** Each credential's probe state, latest probe and next probe (the connector health view, any role). */
export const getCredentialHealth = () => api(connectorsApi.health);

/** A credential's recent probes, newest first (admins and reviewers). */
export const listProbes = (name: string) => api(credentialsApi.probes, { params: { name } });
