export { buildModel, type Model, type ModelValue } from './model';
export { ModelError, type ModelErrorKind } from './errors';
export { CATALOGUE, findMetric, type MetricDef } from './catalogue';
export { parsePeriod, ACCEPTED_FORMS, type Period } from './periods';
export { sharedModel, loadedModel, setModelLoader, fetchReleaseModel, SHIPPED_RELEASE_URL } from './shared';
export { acceptRelease, acceptedModel, ReleaseRefusedError, type Verdict, type Refusal } from './gate';
