// Project configuration: the strata.config.json schema (zod, exported as JSON Schema), its parser
// with located problems, and the merge of file and editor settings.
export * from './schema';
export * from './parse';
export { parseJson, jsonValue, nodeAt, type JsonNode, type JsonProperty, type JsonError, type JsonParse } from './json';
export * from './restricted';
