export { loadConfig, defaultDataDir } from './load-config.js';
export type { Config, ConfigSources } from './load-config.js';
export { SETTINGS } from './settings.js';
export type { SettingDef } from './settings.js';
