// The one entry file the worker bundles: every export is a workflow type.
export { accountabilityCaseWorkflow } from './case/case.workflow';
export { deliveryWorkflow } from './delivery/delivery.workflow';
export { measureWorkflow } from './measure/measure.workflow';
export { planCadenceWorkflow } from './plan/plan-cadence.workflow';
export { instructionWorkflow } from './instruction/instruction.workflow';
export { problemLeadWorkflow } from './case/problem-lead.workflow';
