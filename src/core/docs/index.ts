// The language's documentation as data and markdown builders (kinds, properties, units, words,
// catalogue entries, and the nodes, tenants and services of a model). Read by the editor services
// (hover, completion); documentation is data, like the catalogue.
export * from './language';
export * from './catalogue';
export * from './model';
