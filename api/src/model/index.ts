/** The run, step, approval, simulation and live-event types both sides read. */
export * from './approvals';
export * from './approval-notifications';
export * from './json';
export * from './runs';
export * from './simulations';
export * from './sse';
export * from './tests';
