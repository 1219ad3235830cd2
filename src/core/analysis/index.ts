// The overhead and isolation analysis: sourced per-node estimates, model statistics, the seeds'
// VM-vs-container comparison, what-if scenarios, and reports of them for the CLI and the preview.
export * from './figures';
export * from './format';
export * from './images';
export * from './estimates';
export * from './stats';
export * from './comparison';
export * from './whatIf';
export * from './report';
