import { assetsApi, type AssetQuery, type CreateAsset, type UpdateAsset } from '@autonomic/api';
import { api, urlOf } from '../../api/client';

/** One page of the inventory matching the search. */
export const listAssets = (query: Partial<AssetQuery>) => api(assetsApi.list, { query });

export const createAsset = (body: CreateAsset) => api(assetsApi.create, { body });

export const updateAsset = (id: string, body: UpdateAsset) => api(assetsApi.update, { params: { id }, body });

export const deleteAsset = (id: string) => api(assetsApi.remove, { params: { id } });

/** All rows or none: a bad row answers 400 with a detail per row and column. */
export const importAssets = (csv: string) => api(assetsApi.import, { body: { csv } });

/** The link that downloads the inventory as CSV. */
export const exportUrl = () => urlOf(assetsApi.export, {});
