import { connectorsApi, type OpenApiImportRequest } from '@autonomic/api';
import { api } from '../../api/client';

/** What the document offers: operations, servers, auth and what cannot be mapped. Nothing is stored. */
export const previewOpenApi = (document: string) => api(connectorsApi.openApiPreview, { body: { document } });

/** Converts the chosen operations and submits the version (installed, or awaiting review). */
export const importOpenApi = (body: OpenApiImportRequest) => api(connectorsApi.openApiImport, { body });
