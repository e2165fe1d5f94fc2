export { createRunStarter, type RunStarterService } from './starter';
export { createRunService, type RunService, type RunListQuery } from './service';
