/** CACAO 2.0 import and export (contract: `interopApi` in @autonomic/api). */
import { interopApi } from '@autonomic/api';
import type { CacaoInterop } from '../../services/interop/cacao';
import type { WorkflowFileInterop } from '../../services/interop/workflow-file';
import type { RouteModule } from '../app';

export function interopRoutes({ cacao, files }: { cacao: CacaoInterop; files?: WorkflowFileInterop }): RouteModule {
  return (api) => {
    api.add(interopApi.importCacao, ({ body, actor }) => cacao.importPlaybook(actor, body));
    api.add(interopApi.exportCacao, async ({ params, res }) => {
      const { playbook, filename } = await cacao.exportVersion(params.id, params.number);
      res.setHeader('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
      return playbook;
    });
    if (!files) return;
    api.add(interopApi.importWorkflow, ({ body, actor }) => files.importFile(actor, body));
    api.add(interopApi.exportWorkflow, async ({ params, res }) => {
      const { file, filename } = await files.exportVersion(params.id, params.number);
      res.setHeader('content-disposition', `attachment; filename="${filename.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
      return file;
    });
  };
}
