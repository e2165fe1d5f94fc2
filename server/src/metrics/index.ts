export { createMetrics, type Metrics } from './metrics';
export { isLoopbackHost, metricsAccessOf, metricsWarning, type MetricsAccess } from './access';
