export { loadConfig, defaultDataDir } from './load-config.js';
export type { Config, ConfigSources } from './load-config.js';
export { DEFAULT_SHUTDOWN_TIMEOUT_S, SETTINGS } from './settings.js';
export type { SettingDef } from './settings.js';
