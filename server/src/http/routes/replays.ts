/**
 * Replay (backtest) and shadow runs of a version (issue 15 §1, §3): writers start them,
 * everyone signed in reads them; every candidate run is a simulation, nothing is sent.
 * Contract: `replaysApi` in @autonomic/api.
 */
import { replaysApi } from '@autonomic/api';
import type { ReplayService } from '../../services/replays';
import type { RouteModule } from '../app';

export function replayRoutes({ replays }: { replays: ReplayService }): RouteModule {
  return (api) => {
    api.add(replaysApi.start, ({ params, body, actor }) => replays.start(actor, params.id, params.number, body));
    api.add(replaysApi.list, ({ params }) => replays.list(params.id, params.number));
    api.add(replaysApi.get, ({ params }) => replays.get(params.id, params.replayId));
    api.add(replaysApi.startShadow, ({ params, body, actor }) =>
      replays.startShadow(actor, params.id, params.number, body),
    );
    api.add(replaysApi.stopShadow, ({ params, actor }) => replays.stopShadow(actor, params.id, params.number));
  };
}
