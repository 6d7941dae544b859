// The one entry file the worker bundles.
export { measureWorkflow } from './measure/measure.workflow';
