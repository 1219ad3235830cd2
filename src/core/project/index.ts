// Projects (language version 2): the .strata files under a strata.config.json form one model.
export { Project, analyzeProject, type ProjectAnalysis } from './project';
export * from './layout';
export { globToRegExp, globMatcher } from './globs';
