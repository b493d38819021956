export { ConfigError, type ConfigIssue } from './config-error.js';
export { configJsonSchema } from './config-json-schema.js';
export { CONFIG_FILE_NAMES, CONFIG_PATH_ENV, type LoadConfigOptions, loadConfig } from './load-config.js';
export { type ParseConfigOptions, parseConfig } from './parse-config.js';
